import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Client, Tool, Transport } from '@modelcontextprotocol/client';
import { ToolRegistry } from '../tools/tool.registry';
import {
  CONDUIT_MCP_OPTIONS,
  DEFAULT_MCP_CONNECT_TIMEOUT_MS,
  DEFAULT_RECONNECT_INITIAL_DELAY_MS,
  DEFAULT_RECONNECT_MAX_DELAY_MS,
} from './mcp.constants';
import { McpConnectionError } from './mcp-connection.error';
import type {
  ConduitMcpModuleOptions,
  McpClientOptions,
  McpHttpClientOptions,
} from './mcp-options.types';
import { loadMcpClientSdk, loadMcpClientStdioSdk } from './mcp-sdk';
import { remoteToolRegistration } from './remote-tool-registration';

/** The longest delay `setTimeout` takes: the executor's own timeout cancels remote calls. */
const NO_SDK_TIMEOUT_MS = 2_147_483_647;

/** One connected remote server and the names its tools are registered under. */
interface RemoteServer {
  readonly client: Client;
  toolNames: string[];
}

/**
 * The remote MCP servers of `ConduitMcpModule.forRoot({ clients })`: connected at module init
 * (2026-07-28 `server/discover` first, the 2025 `initialize` handshake when the server is older),
 * their tools registered in `ToolRegistry` as `<server>__<tool>` and refreshed when a server
 * announces `tools/list_changed`, closed at shutdown. A server that cannot be connected throws
 * `McpConnectionError` at bootstrap (`onConnectError: 'fail'`, default) or is logged and skipped
 * (`'warn'`). A server that disconnects later is reconnected with exponential backoff
 * (`reconnect`).
 */
@Injectable()
export class McpClients implements OnModuleInit, OnApplicationShutdown {
  protected readonly logger = new Logger('ConduitMcp');
  private readonly servers = new Map<string, RemoteServer>();
  private readonly reconnects = new Set<NodeJS.Timeout>();
  private closing = false;
  private registry?: ToolRegistry;

  constructor(
    @Inject(CONDUIT_MCP_OPTIONS) protected readonly options: ConduitMcpModuleOptions,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** Connects every configured server, all at once. */
  async onModuleInit(): Promise<void> {
    // Non-strict: ToolRegistry belongs to ConduitModule, which need not be global.
    this.registry = this.moduleRef.get(ToolRegistry, { strict: false });
    const entries = Object.entries(this.options.clients ?? {});
    await Promise.all(entries.map(([name, config]) => this.connectOrReport(name, config)));
  }

  /** Unregisters the remote tools and closes the connections (stdio children exit). */
  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    for (const timer of this.reconnects) clearTimeout(timer);
    this.reconnects.clear();
    const servers = [...this.servers.entries()];
    this.servers.clear();
    await Promise.all(
      servers.map(async ([, server]) => {
        for (const name of server.toolNames) this.registry?.remove(name);
        await server.client.close().catch(() => undefined);
      }),
    );
  }

  /** The names of the servers connected now. */
  connected(): string[] {
    return [...this.servers.keys()];
  }

  /** The registered tool names of a connected server (empty when it is not connected). */
  toolNamesOf(server: string): string[] {
    return [...(this.servers.get(server)?.toolNames ?? [])];
  }

  /** Lists the tools of a server again and replaces its registered tools. */
  async refresh(server: string): Promise<void> {
    const remote = this.servers.get(server);
    const config = this.options.clients?.[server];
    if (remote === undefined || config === undefined) return;
    const { tools } = await remote.client.listTools(undefined, { timeout: this.timeoutOf(config) });
    this.register(server, config, remote, tools);
  }

  private async connectOrReport(name: string, config: McpClientOptions): Promise<void> {
    try {
      await this.connect(name, config);
    } catch (error) {
      const policy = config.onConnectError ?? this.options.onConnectError ?? 'fail';
      if (policy === 'fail') throw error;
      this.logger.warn(
        `${error instanceof Error ? error.message : String(error)}; its tools are not available`,
      );
    }
  }

  /**
   * Connects one server and registers its tools; throws `McpConnectionError`. An HTTP server
   * that refuses the Streamable HTTP POST with 400, 404 or 405 is tried again over the older
   * HTTP+SSE transport (2024-11-05 servers), as the protocol's compatibility rules say.
   */
  protected async connect(name: string, config: McpClientOptions): Promise<void> {
    let client = this.createClient(name, 'auto');
    try {
      try {
        await this.open(client, this.createTransport(config), config);
      } catch (error) {
        if (!('url' in config) || !isOldTransportRefusal(error)) throw error;
        await client.close().catch(() => undefined);
        client = this.createClient(name, 'legacy');
        await this.open(client, this.createSseTransport(config), config);
      }
      const timeout = this.timeoutOf(config);
      const { tools } = await client.listTools(undefined, {
        timeout,
        signal: AbortSignal.timeout(timeout),
      });
      // After a reconnection, the tools still registered from before are replaced.
      const remote: RemoteServer = { client, toolNames: this.servers.get(name)?.toolNames ?? [] };
      this.register(name, config, remote, tools);
      this.servers.set(name, remote);
      client.onclose = () => this.onDisconnected(name, config, client);
    } catch (error) {
      await client.close().catch(() => undefined);
      throw new McpConnectionError(name, endpointOf(config), error);
    }
  }

  /** An SDK client that refreshes the server's tools on `tools/list_changed`. */
  protected createClient(name: string, mode: 'auto' | 'legacy'): Client {
    const sdk = loadMcpClientSdk();
    return new sdk.Client(
      { name: 'nestjs-conduit', version: '1' },
      {
        versionNegotiation: { mode },
        listChanged: {
          tools: {
            onChanged: (error: Error | null, tools: Tool[] | null) =>
              this.onToolsChanged(name, error, tools),
          },
        },
      },
    );
  }

  private async open(
    client: Client,
    transport: Transport,
    config: McpClientOptions,
  ): Promise<void> {
    const timeout = this.timeoutOf(config);
    await client.connect(transport, { timeout, signal: AbortSignal.timeout(timeout) });
  }

  /** The SDK transport of a server: Streamable HTTP for `url`, stdio for `command`. */
  protected createTransport(config: McpClientOptions): Transport {
    if ('url' in config) {
      const sdk = loadMcpClientSdk();
      return new sdk.StreamableHTTPClientTransport(new URL(config.url), {
        requestInit: { headers: { ...config.headers } },
      });
    }
    const stdio = loadMcpClientStdioSdk();
    return new stdio.StdioClientTransport({
      command: config.command,
      args: [...(config.args ?? [])],
      ...(config.env === undefined
        ? {}
        : { env: { ...stdio.getDefaultEnvironment(), ...config.env } }),
      ...(config.cwd === undefined ? {} : { cwd: config.cwd }),
      stderr: 'inherit',
    });
  }

  /** The HTTP+SSE transport of 2024-11-05 servers, the headers on its GET and its POSTs. */
  protected createSseTransport(config: McpHttpClientOptions): Transport {
    const sdk = loadMcpClientSdk();
    const headers = { ...config.headers };
    return new sdk.SSEClientTransport(new URL(config.url), {
      requestInit: { headers },
      // The event stream's GET goes through fetch too: give it the headers as well.
      fetch: (url, init) =>
        fetch(url, {
          ...init,
          headers: { ...Object.fromEntries(new Headers(init?.headers)), ...headers },
        }),
    });
  }

  private register(
    server: string,
    config: McpClientOptions,
    remote: RemoteServer,
    tools: readonly Tool[],
  ): void {
    const registry = this.registry as ToolRegistry;
    const call = (name: string, args: Record<string, unknown>, signal: AbortSignal) =>
      remote.client.callTool({ name, arguments: args }, { signal, timeout: NO_SDK_TIMEOUT_MS });
    for (const name of remote.toolNames) registry.remove(name);
    remote.toolNames = [];
    for (const tool of tools) {
      // One by one: a remote name that clashes or cannot be a tool name skips that tool only.
      try {
        const added = registry.add(remoteToolRegistration(server, config, tool, call));
        remote.toolNames.push(added.name);
      } catch (error) {
        this.logger.warn(
          `MCP server "${server}": tool ${JSON.stringify(tool.name)} skipped: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  }

  /**
   * A connected server went away (its process exited, its stream closed): its tools stay
   * registered (their calls fail as error results meanwhile) and the connection is tried again
   * with exponential backoff until it succeeds or the app shuts down.
   */
  private onDisconnected(name: string, config: McpClientOptions, client: Client): void {
    if (this.closing || this.servers.get(name)?.client !== client) return;
    if (config.reconnect === false) {
      this.logger.warn(`MCP server "${name}" disconnected; reconnect is off`);
      return;
    }
    this.logger.warn(`MCP server "${name}" disconnected; reconnecting`);
    this.scheduleReconnect(name, config, 0);
  }

  private scheduleReconnect(name: string, config: McpClientOptions, attempt: number): void {
    const policy = config.reconnect === false ? {} : (config.reconnect ?? {});
    const first = policy.initialDelayMs ?? DEFAULT_RECONNECT_INITIAL_DELAY_MS;
    const delay = Math.min(
      first * 2 ** attempt,
      policy.maxDelayMs ?? DEFAULT_RECONNECT_MAX_DELAY_MS,
    );
    const timer = setTimeout(() => {
      this.reconnects.delete(timer);
      if (this.closing) return;
      this.connect(name, config).then(
        () => this.logger.log(`MCP server "${name}" reconnected`),
        (error: unknown) => {
          this.logger.warn(
            `MCP server "${name}": reconnecting failed (${error instanceof Error ? error.message : String(error)}); next try in ${Math.min(delay * 2, policy.maxDelayMs ?? DEFAULT_RECONNECT_MAX_DELAY_MS)} ms`,
          );
          if (!this.closing) this.scheduleReconnect(name, config, attempt + 1);
        },
      );
    }, delay);
    // A pending reconnection never keeps the process alive.
    timer.unref();
    this.reconnects.add(timer);
  }

  private onToolsChanged(server: string, error: Error | null, tools: Tool[] | null): void {
    const remote = this.servers.get(server);
    const config = this.options.clients?.[server];
    if (remote === undefined || config === undefined) return;
    if (error !== null || tools === null) {
      this.logger.warn(`MCP server "${server}": refreshing its tools failed: ${error?.message}`);
      return;
    }
    this.register(server, config, remote, tools);
  }

  private timeoutOf(config: McpClientOptions): number {
    return config.connectTimeoutMs ?? DEFAULT_MCP_CONNECT_TIMEOUT_MS;
  }
}

/** Where a server is, for messages: its URL or its command, never its headers or environment. */
function endpointOf(config: McpClientOptions): string {
  return 'url' in config ? config.url : [config.command, ...(config.args ?? [])].join(' ');
}

/** Statuses an HTTP+SSE-only server answers a Streamable HTTP POST with. */
const OLD_TRANSPORT_STATUSES = new Set([400, 404, 405]);

/** Whether the error (or one of its causes) is an HTTP 400/404/405 of the SDK. */
function isOldTransportRefusal(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth += 1) {
    const status = (current as { status?: unknown }).status;
    if (typeof status === 'number' && OLD_TRANSPORT_STATUSES.has(status)) return true;
    current = current.cause;
  }
  return false;
}
