import type { ToolCall } from '../core';

/**
 * What a tool method receives as its second parameter: the call being answered, a signal that
 * fires when the call times out or the caller gives up, and the metadata shared along the
 * interceptor chain.
 *
 * @example
 * ```ts
 * @Tool({ description: 'Search the catalogue' })
 * search(args: SearchDto, { signal }: ToolContext) {
 *   return this.catalogue.search(args.query, { signal });
 * }
 * ```
 */
export interface ToolContext {
  readonly toolCall: ToolCall;
  readonly signal: AbortSignal;
  readonly metadata: Map<string, unknown>;
  /** The HTTP request that started the chat, when `ConduitRequestContext` is installed. */
  readonly request?: unknown;
}
