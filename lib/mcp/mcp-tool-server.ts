import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type {
  CallToolResult,
  McpHttpHandler,
  Server,
  ServerContext,
} from '@modelcontextprotocol/server';
import type { NodeIncomingMessageLike, NodeMcpRequestHandler } from '@modelcontextprotocol/node';
import { AbortedError } from '../core';
import { ConduitRequestContext } from '../tools/conduit-request-context';
import type { RegisteredTool } from '../tools/registered-tool.types';
import { ToolExecutor } from '../tools/tool-executor';
import { ToolRegistry } from '../tools/tool.registry';
import { CONDUIT_MCP_OPTIONS } from './mcp.constants';
import type { ConduitMcpModuleOptions } from './mcp-options.types';
import { loadMcpNodeSdk, loadMcpServerSdk, type McpServerSdk } from './mcp-sdk';
import { primitiveCapabilities, registerPrimitiveHandlers } from './mcp-primitive-handlers';
import { McpPrimitivesExplorer } from './mcp-primitives.explorer';
import { toCallToolResult, toMcpTool } from './mcp-tool-mapping';
import { MCP_PROGRESS_METADATA_KEY, type McpProgressReporter } from './report-progress';

/**
 * The MCP server of the app: answers `tools/list` and `tools/call` with the selected tools of
 * `ToolRegistry`, running each call through `ToolExecutor` (argument validation, guards, pipes,
 * interceptors, filters, timeouts) inside the HTTP request's `ConduitRequestContext`.
 *
 * It serves the 2026-07-28 revision (`server/discover`, no session) and, unless `legacy:
 * 'reject'`, the 2025-era `initialize` handshake statelessly: a fresh SDK `Server` answers each
 * request, so any replica can answer any request. The endpoint controller calls `handle()`;
 * call it yourself to mount the server elsewhere.
 */
@Injectable()
export class McpToolServer implements OnApplicationBootstrap, OnApplicationShutdown {
  protected readonly logger = new Logger('ConduitMcp');
  private handler?: McpHttpHandler;
  private nodeHandler?: NodeMcpRequestHandler;
  private registry?: ToolRegistry;
  private executor?: ToolExecutor;

  constructor(
    @Inject(CONDUIT_MCP_OPTIONS) protected readonly options: ConduitMcpModuleOptions,
    private readonly moduleRef: ModuleRef,
    private readonly primitives: McpPrimitivesExplorer,
  ) {}

  /** Loads the SDK and checks the tool selection once every `@Tool()` is registered. */
  onApplicationBootstrap(): void {
    // Non-strict: ToolRegistry belongs to ConduitModule, which need not be global.
    this.registry = this.moduleRef.get(ToolRegistry, { strict: false });
    this.executor = this.moduleRef.get(ToolExecutor, { strict: false });
    this.selectedTools();
    const sdk = loadMcpServerSdk();
    this.handler = sdk.createMcpHandler(() => this.createServer(sdk), {
      legacy: this.options.legacy ?? 'stateless',
      ...(this.options.maxRequestBodySize === undefined
        ? {}
        : { maxRequestBodySize: this.options.maxRequestBodySize }),
      onerror: (error) => this.logger.debug(`MCP request refused: ${error.message}`),
    });
    const bodyLimit = this.options.maxRequestBodySize;
    this.nodeHandler = loadMcpNodeSdk().toNodeHandler(
      this.handler,
      bodyLimit === undefined ? {} : { maxRequestBodySize: bodyLimit },
    );
  }

  /** Ends the 2026-era exchanges still running. */
  async onApplicationShutdown(): Promise<void> {
    await this.handler?.close();
  }

  /**
   * Serves one HTTP request (any method) with Node's request and response. `parsedBody` is the
   * body a framework already parsed (Express `req.body`); `request` is what tools see as the
   * request (`ConduitRequestContext`, `ToolContext.request`): the framework's own request object,
   * where guards put `user` (Fastify's wraps Node's), by default `req`.
   */
  async handle(
    req: IncomingMessage,
    res: ServerResponse,
    parsedBody?: unknown,
    request: unknown = req,
  ): Promise<void> {
    const handler = this.nodeHandler;
    if (handler === undefined) throw new Error('McpToolServer is used before the app bootstrapped');
    if (!this.originAllowed(req)) {
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          jsonrpc: '2.0',
          error: { code: -32000, message: 'Forbidden: this Origin may not call the MCP endpoint' },
          id: null,
        }),
      );
      return;
    }
    // IncomingMessage types its optional fields `| undefined`, the SDK's structural type does not.
    const nodeRequest = req as NodeIncomingMessageLike;
    await ConduitRequestContext.run(request, () => handler(nodeRequest, res, parsedBody));
  }

  /**
   * Whether a browser `Origin` may call: its own host, or one of `allowedOrigins`. A page on
   * another site (or a DNS-rebound name) must not drive the tools with the user's network access.
   */
  protected originAllowed(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    if (origin === undefined) return true;
    if (this.options.allowedOrigins?.includes(origin) === true) return true;
    return URL.canParse(origin) && new URL(origin).host === req.headers.host;
  }

  /** The tools the endpoint offers (`tools` option, default all). */
  protected selectedTools(): RegisteredTool[] {
    return this.registry?.select(this.options.tools ?? 'all') ?? [];
  }

  /** One SDK `Server` for one request, with the two tool methods. */
  protected createServer(sdk: McpServerSdk): Server {
    const server = new sdk.Server(
      { name: this.options.name ?? 'nestjs-conduit', version: this.options.version ?? '0.0.0' },
      {
        capabilities: { tools: {}, ...primitiveCapabilities(this.primitives) },
        ...(this.options.instructions === undefined
          ? {}
          : { instructions: this.options.instructions }),
      },
    );
    server.setRequestHandler('tools/list', () => ({ tools: this.selectedTools().map(toMcpTool) }));
    server.setRequestHandler('tools/call', async (request, ctx) =>
      server.projectCallToolResult(await this.callTool(sdk, request.params, ctx), undefined),
    );
    registerPrimitiveHandlers(sdk, server, this.primitives, this.logger);
    return server;
  }

  /** Runs a `tools/call` through the executor; an unknown tool is a protocol error, as MCP says. */
  protected async callTool(
    sdk: McpServerSdk,
    params: { readonly name: string; readonly arguments?: Record<string, unknown> | undefined },
    ctx: ServerContext,
  ): Promise<CallToolResult> {
    const selected = this.selectedTools();
    if (!selected.some((tool) => tool.name === params.name)) {
      throw new sdk.ProtocolError(
        sdk.ProtocolErrorCode.InvalidParams,
        `Unknown tool: ${JSON.stringify(params.name)}`,
      );
    }
    const args = params.arguments ?? {};
    const executor = this.executor as ToolExecutor;
    const metadata = new Map<string, unknown>();
    const progressToken = ctx.mcpReq._meta?.progressToken;
    if (progressToken !== undefined) {
      const report: McpProgressReporter = (progress) =>
        ctx.mcpReq.notify({
          method: 'notifications/progress',
          params: { progressToken, ...progress },
        });
      metadata.set(MCP_PROGRESS_METADATA_KEY, report);
    }
    try {
      const result = await executor.execute(
        {
          id: `mcp-${String(ctx.mcpReq.id)}`,
          name: params.name,
          arguments: args,
          rawArguments: JSON.stringify(args),
        },
        {
          tools: this.options.tools ?? 'all',
          signal: ctx.mcpReq.signal,
          metadata,
          ...(this.options.approve === undefined ? {} : { approve: this.options.approve }),
        },
      );
      return toCallToolResult(result);
    } catch (error) {
      // Only the client's cancellation rejects; the SDK sends no answer to a cancelled request.
      if (error instanceof AbortedError) {
        return { content: [{ type: 'text', text: 'The call was cancelled.' }], isError: true };
      }
      throw error;
    }
  }
}
