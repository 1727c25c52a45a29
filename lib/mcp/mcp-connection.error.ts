import { ConduitError } from '../core';

/**
 * A remote MCP server could not be reached at bootstrap, or did not answer as an MCP server
 * (down, refused, timed out, answered a non-MCP body, a stdio command that does not start).
 * The message names the server and its endpoint (any URL password masked), never its headers.
 */
export class McpConnectionError extends ConduitError {
  /** The key of the server in `ConduitMcpModule.forRoot({ clients })`. */
  readonly server: string;

  constructor(server: string, endpoint: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`MCP server "${server}" (${endpoint}) could not be connected: ${reason}`, {
      cause,
      isRetryable: true,
    });
    this.server = server;
  }
}
