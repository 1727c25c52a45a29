import type { CallKind, ConduitCallContext } from '../../core';
import type { RateLimitStore } from '../stores/rate-limit.store';

/** Options of `RateLimitInterceptor`. At least one of the two limits must be set. */
export interface RateLimitInterceptorOptions {
  /** Requests per minute (a token bucket holding this many, refilled evenly over a minute). */
  readonly requestsPerMinute?: number;
  /** Tokens per minute (prompt + answer), same bucket shape. */
  readonly tokensPerMinute?: number;
  /**
   * A user key (tenant, user id) to give each its own budget, or `undefined` to share the alias's
   * budget. Default: none, one budget per model alias.
   */
  readonly key?: (context: ConduitCallContext) => string | undefined;
  /** What a call over the limit does: `wait` for tokens (bounded, abortable) or fail at once. Default `wait`. */
  readonly onLimit?: 'wait' | 'error';
  /** Longest a call waits in `wait` mode before failing with `RateLimitExceededError`, in ms. Default `30_000`. */
  readonly maxWaitMs?: number;
  /**
   * Tokens a call is expected to use, taken before it runs and corrected once its usage is known.
   * Default: `countTokens` of the messages and tools plus `maxTokens` (embeddings: the texts).
   */
  readonly estimateTokens?: (context: ConduitCallContext) => number;
  /**
   * The store. Default: when Nest builds the interceptor, the `RateLimitStore` provider of the
   * module that imports `ConduitModule` (its own, or exported by one of its imports); otherwise,
   * and for an instance made with `new`, a private `InMemoryRateLimitStore`.
   */
  readonly store?: RateLimitStore;
  /** Prefix of the bucket keys (separates apps sharing one Redis). Default `conduit:rate-limit:`. */
  readonly keyPrefix?: string;
  /** Kinds of call limited. Default `['chat', 'stream', 'embed']`. */
  readonly kinds?: readonly CallKind[];
  /** Clock in ms. Default `Date.now` (Jest fake timers drive it). */
  readonly now?: () => number;
}
