import { All, Controller, Req, Res, UseGuards, type Type } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ConduitMcpModuleOptions } from './mcp-options.types';
import { McpToolServer } from './mcp-tool-server';

/** What the endpoint reads of a request: Node's (Express) or Fastify's, which wraps it. */
interface FrameworkRequest extends IncomingMessage {
  readonly body?: unknown;
  readonly raw?: IncomingMessage;
}

/** What the endpoint writes to: Node's response (Express) or Fastify's reply. */
interface FrameworkResponse {
  readonly raw?: ServerResponse;
  hijack?(): void;
}

/**
 * The controller class of the MCP endpoint at `options.path`, with `options.guards` on it:
 * a class per module because Nest reads the path and guards from class decorators. Every HTTP
 * method goes to the SDK, which answers GET and DELETE itself in stateless mode.
 */
export function createMcpEndpointController(options: ConduitMcpModuleOptions): Type<unknown> {
  @Controller(options.path ?? '/mcp')
  @UseGuards(...(options.guards ?? []))
  class McpEndpointController {
    constructor(private readonly server: McpToolServer) {}

    @All()
    async handle(@Req() req: FrameworkRequest, @Res() res: FrameworkResponse): Promise<void> {
      // Fastify: take over the raw response, or Fastify would answer too.
      res.hijack?.();
      const nodeRequest = req.raw ?? req;
      const nodeResponse = res.raw ?? (res as unknown as ServerResponse);
      // The body the framework's JSON parser already read; the SDK reads it itself otherwise.
      const parsed = req.method === 'POST' ? req.body : undefined;
      await this.server.handle(nodeRequest, nodeResponse, parsed, req);
    }
  }
  return McpEndpointController;
}
