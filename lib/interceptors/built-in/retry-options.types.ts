import type { ConduitCallContext } from '../../core';

/** Options of `RetryInterceptor`. */
export interface RetryInterceptorOptions {
  /** Tries in all, the first included. Default `3`. */
  readonly maxAttempts?: number;
  /** Ceiling of the backoff before the first retry, in ms. Default `500`. */
  readonly initialDelayMs?: number;
  /** Growth of the ceiling per retry. Default `2`. */
  readonly multiplier?: number;
  /** Largest backoff ceiling, in ms. Default `30_000`. */
  readonly maxDelayMs?: number;
  /**
   * Largest wait taken from the provider's `retry-after` / `retry-after-ms` / reset headers, in ms.
   * When the provider asks for longer, the call is not retried: it fails at once with the
   * provider's error (`RateLimitError` / `ServerError`), whose `retryAfterMs` says when to come
   * back. Default `60_000`.
   */
  readonly maxRetryAfterMs?: number;
  /** Time limit of each attempt, in ms; a timed-out attempt is retried. Default: none. */
  readonly attemptTimeoutMs?: number;
  /**
   * Decides whether an error is retried. Default `isRetryableError` (429 but not quota, 408, 409,
   * 5xx, 529, connection failures, attempt timeouts; the provider's `x-should-retry` header first).
   */
  readonly isRetryable?: (error: unknown, context: ConduitCallContext) => boolean;
  /** Random source in [0, 1) for the jitter. Default `Math.random`; pass a fixed one in tests. */
  readonly random?: () => number;
}
