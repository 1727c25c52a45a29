import { SetMetadata } from '@nestjs/common';
import { MCP_RESOURCE_METADATA } from './mcp.constants';
import type { McpResourceOptions } from './mcp-primitive.types';

/**
 * Serves the method's return value (a string) as an MCP resource at `uri`, for the clients of
 * `ConduitMcpModule`'s endpoint. The method takes no argument; the route guards of the endpoint
 * apply, and `ConduitRequestContext` holds the HTTP request.
 *
 * @example
 * ```ts
 * @Resource({ uri: 'shop://policies/returns', description: 'The returns policy' })
 * returnsPolicy(): string {
 *   return 'Items can be returned within 30 days.';
 * }
 * ```
 */
export const Resource = (options: McpResourceOptions): MethodDecorator =>
  SetMetadata(MCP_RESOURCE_METADATA, options);
