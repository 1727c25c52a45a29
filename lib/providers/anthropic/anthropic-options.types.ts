import type { CacheControl } from '../../core';

/**
 * Extended thinking. `enabled` gives the model `budgetTokens` (at least 1024) to think before it
 * answers; the budget is added on top of `maxTokens` so the answer keeps its own allowance.
 * `adaptive` lets the model decide how much to think; `disabled` turns a model-level setting off
 * for one call.
 */
export type AnthropicThinkingOptions =
  | { readonly type: 'enabled'; readonly budgetTokens: number }
  | { readonly type: 'adaptive' }
  | { readonly type: 'disabled' };

/**
 * Request-level cache breakpoints, for callers who cannot put `cacheControl` on the messages and
 * tools themselves. `true` means `{ type: 'ephemeral' }` (5 minutes).
 */
export interface AnthropicCacheControlOptions {
  /** Breakpoint on the last block of the system prompt. */
  readonly system?: boolean | CacheControl;
  /** Breakpoint on the last tool: caches the whole tool list. */
  readonly tools?: boolean | CacheControl;
  /**
   * Breakpoints on messages, by position in `request.messages`; negative positions count from the
   * end (`-1` is the last message, the usual choice to cache a growing conversation). Each is a
   * 5-minute `{ type: 'ephemeral' }` breakpoint; set `cacheControl` on the message itself for `1h`.
   * A position that points at no message fails the call with a ConduitValidationError.
   */
  readonly messages?: readonly number[];
}

/**
 * What `providerOptions.anthropic` understands besides raw Messages API fields. The typed keys
 * below are read by nestjs-conduit; every other key is copied into the request body last, so it
 * wins over what nestjs-conduit computed (`{ metadata: { user_id: 'u-1' } }`, `{ top_k: 5 }`).
 *
 * @example
 * await chat.chat({
 *   messages,
 *   providerOptions: {
 *     anthropic: {
 *       thinking: { type: 'enabled', budgetTokens: 2048 },
 *       cacheControl: { system: true, messages: [-1] },
 *     } satisfies AnthropicProviderOptions,
 *   },
 * });
 */
export interface AnthropicProviderOptions {
  /** Typed form; the wire form `{ type: 'enabled', budget_tokens: 2048 }` is accepted too. */
  readonly thinking?: AnthropicThinkingOptions | Readonly<Record<string, unknown>>;
  readonly cacheControl?: AnthropicCacheControlOptions;
  /**
   * `true` asks for citations on every `document` block (file parts): the answer's text blocks then
   * cite the passages they draw on. Not sent as a body field.
   */
  readonly citations?: boolean;
  readonly [rawField: string]: unknown;
}
