import type { CanActivate, Type } from '@nestjs/common';
import type { ToolCall } from '../core';
import type { RegisteredTool } from '../tools/registered-tool.types';
import type { ToolConcurrency } from '../tools/tool-options.types';
import type { ToolSelection } from '../tools/tool-selection.types';

/** What to do when a remote MCP server cannot be reached at bootstrap. */
export type McpConnectErrorPolicy = 'fail' | 'warn';

/**
 * Policies applied to the tools of one remote MCP server (or to one of its tools), as
 * `@Tool()` options are for a local tool.
 */
export interface McpRemoteToolPolicy {
  /** The agent loop asks its `approve` callback before calling the tool. */
  readonly requiresApproval?: boolean;
  /** `'sequential'`: never runs beside another call of the same turn. */
  readonly concurrency?: ToolConcurrency;
  /** Cancel the remote call after this many milliseconds (default: the module's tool timeout). */
  readonly timeoutMs?: number;
}

/** Settings shared by every kind of remote MCP server. */
export interface McpClientCommonOptions extends McpRemoteToolPolicy {
  /**
   * Prefix of the registered tool names: `<prefix>__<remote tool name>` (default: the key of the
   * server in `clients`). `''` registers the remote names as they are.
   */
  readonly prefix?: string;
  /** Per remote tool (by its remote name): policies that override the server's. */
  readonly tools?: Readonly<Record<string, McpRemoteToolPolicy>>;
  /** How long connecting and listing the tools may take, in milliseconds (default 10 000). */
  readonly connectTimeoutMs?: number;
  /** Overrides the module's `onConnectError` for this server. */
  readonly onConnectError?: McpConnectErrorPolicy;
  /**
   * Reconnecting after the server went away (default: on, 1 s doubling up to 30 s, until it
   * succeeds); `false` leaves it disconnected.
   */
  readonly reconnect?: McpReconnectOptions | false;
}

/** Exponential backoff of reconnections to a remote server. */
export interface McpReconnectOptions {
  /** The first wait in milliseconds (default 1 000); it doubles after each failed attempt. */
  readonly initialDelayMs?: number;
  /** The longest wait in milliseconds (default 30 000). */
  readonly maxDelayMs?: number;
}

/** A remote MCP server reached over Streamable HTTP. */
export interface McpHttpClientOptions extends McpClientCommonOptions {
  /** The MCP endpoint, e.g. `https://tools.example.com/mcp`. */
  readonly url: string;
  /** Headers sent with every request (e.g. `Authorization`); never logged. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** A local MCP server started as a child process and spoken to over stdio. */
export interface McpStdioClientOptions extends McpClientCommonOptions {
  /** The executable, e.g. `node` or `npx`. */
  readonly command: string;
  readonly args?: readonly string[];
  /** Environment of the child (the SDK adds a safe default set: `PATH`, `HOME`...). */
  readonly env?: Readonly<Record<string, string>>;
  /** Working directory of the child (default: this process's). */
  readonly cwd?: string;
}

/** One remote MCP server whose tools are registered in `ToolRegistry`. */
export type McpClientOptions = McpHttpClientOptions | McpStdioClientOptions;

/**
 * Options of `ConduitMcpModule.forRoot()`. With `path`, the app serves its `@Tool()` methods as
 * an MCP server; with `clients`, the tools of remote MCP servers join `ToolRegistry`. Both may
 * be given.
 */
export interface ConduitMcpModuleOptions {
  /** Where the Streamable HTTP endpoint is mounted (e.g. `'/mcp'`); no endpoint without it. */
  readonly path?: string;
  /** The server's name, as MCP clients show it (default `'nestjs-conduit'`). */
  readonly name?: string;
  /** The server's version (default `'0.0.0'`). */
  readonly version?: string;
  /** Told to clients at connection: how to use this server's tools. */
  readonly instructions?: string;
  /** Which registered tools the endpoint offers (default `'all'`). */
  readonly tools?: ToolSelection;
  /** Nest guards run on every request of the endpoint (global guards apply as well). */
  readonly guards?: readonly (CanActivate | Type<CanActivate>)[];
  /**
   * Asked before running a tool declared `requiresApproval`; without it such tools are refused
   * with an error result, since an MCP client has no approval step of ours.
   */
  readonly approve?: (toolCall: ToolCall, tool: RegisteredTool) => boolean | Promise<boolean>;
  /**
   * `'stateless'` (default) also answers 2025-era clients (the `initialize` handshake), each
   * request on its own; `'reject'` serves only the 2026-07-28 revision.
   */
  readonly legacy?: 'stateless' | 'reject';
  /**
   * Browser origins allowed to call the endpoint besides its own (`https://app.example.com`). A
   * request whose `Origin` is neither is refused with 403 (DNS rebinding protection, as MCP asks);
   * requests without `Origin` (non-browser clients) are not concerned.
   */
  readonly allowedOrigins?: readonly string[];
  /** Largest request body the endpoint reads itself, in bytes (default 4 MiB). */
  readonly maxRequestBodySize?: number;
  /** Remote MCP servers whose tools join `ToolRegistry`, by name. */
  readonly clients?: Readonly<Record<string, McpClientOptions>>;
  /** What a remote server that cannot be reached at bootstrap does (default `'fail'`). */
  readonly onConnectError?: McpConnectErrorPolicy;
}
