import type { RetrySetting } from '../core/retry-options.types';

import type { FallbackModuleOptions } from './fallback-options.types';

/**
 * The part of `ConduitModuleOptions` that `ChatService` reads. Kept in this folder so the chat floor
 * never imports the root file that composes every floor's part.
 */
export interface ChatModuleOptions extends FallbackModuleOptions {
  /**
   * Overall timeout of one call (a whole stream included), in milliseconds. Defaults to 600000
   * (10 minutes, like openai-node); `0` disables it. A call's own `timeoutMs` wins.
   */
  readonly timeoutMs?: number;
  /**
   * The built-in retry of every call: default `{ maxRetries: 2 }` (exponential backoff with
   * jitter, the provider's `retry-after` honoured up to `maxRetryAfterMs`); `false` turns it off.
   * A model's own setting (`models.<alias>.retry`, `modelRetry`) replaces it for that alias, and a
   * call's `retry` replaces both. Skipped for a call whose interceptors include a
   * `RetryInterceptor`: that one decides alone, so tries never multiply.
   */
  readonly retry?: RetrySetting;
  /**
   * The built-in retry of one chat model alias, for any entry of `models` (a ready-made instance
   * included); the same as `models.<alias>.retry` for a configuration, which may not give both.
   */
  readonly modelRetry?: Readonly<Record<string, RetrySetting>>;
  /** The built-in retry of one embedding model alias (see `modelRetry`). */
  readonly embeddingModelRetry?: Readonly<Record<string, RetrySetting>>;
}
