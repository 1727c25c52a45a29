import { SetMetadata } from '@nestjs/common';
import { MCP_PROMPT_METADATA } from './mcp.constants';
import type { McpPromptOptions } from './mcp-primitive.types';

/**
 * Serves the method as an MCP prompt template: it receives the client's arguments
 * (`Record<string, string>`) and returns the text of one user message, or a list of
 * `{ role, text }` messages. Required arguments missing from a request are refused before the
 * method runs.
 *
 * @example
 * ```ts
 * @Prompt({ description: 'Ask about an order', arguments: [{ name: 'orderId', required: true }] })
 * orderHelp(args: Record<string, string>): string {
 *   return `Where is my order ${args['orderId']}?`;
 * }
 * ```
 */
export const Prompt = (options: McpPromptOptions = {}): MethodDecorator =>
  SetMetadata(MCP_PROMPT_METADATA, options);
