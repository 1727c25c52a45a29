import type { Message } from '../../core';

/** Options of `SlidingWindowInterceptor`. */
export interface SlidingWindowInterceptorOptions {
  /** Most non-system messages sent (system messages come on top when `keepSystem`). Required. */
  readonly maxMessages: number;
  /** Keep every system message, moved to the front, outside the window. Default `true`. */
  readonly keepSystem?: boolean;
}

/** Options of `TokenLimitInterceptor`. */
export interface TokenLimitInterceptorOptions {
  /**
   * Most prompt tokens (messages, tools and framing). Default: the model's context window
   * (`modelInfo.capabilities.maxContextTokens`) minus the tokens reserved for the answer
   * (`request.maxTokens`, else the model's `maxOutputTokens`). With neither known, nothing is trimmed.
   */
  readonly maxTokens?: number;
  /** Keep every system message, moved to the front, whatever the budget. Default `true`. */
  readonly keepSystem?: boolean;
  /**
   * Tokens of one message. Default: `countMessageTokens` with the model's tokenizer (exact for
   * OpenAI models, an estimate for others).
   */
  readonly countMessage?: (message: Message) => number;
}
