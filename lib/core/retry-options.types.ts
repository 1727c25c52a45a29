import type { ConduitCallContext } from './call-context.types';

/**
 * Settings of the built-in retry (`ConduitModule.forRoot({ retry })`, `models.<alias>.retry`,
 * `modelRetry`, a call's `retry`). The same behaviour as `RetryInterceptor`, counted in retries:
 * `maxRetries: 2` is `RetryInterceptor`'s `maxAttempts: 3` (the first try plus two retries).
 * Exponential backoff with full jitter; a provider's `retry-after` / `retry-after-ms` wait is
 * honoured up to `maxRetryAfterMs`, and a longer one fails the call at once; `x-should-retry` is
 * obeyed; quota, validation, authentication and abort errors are never retried.
 */
export interface RetryOptions {
  /** Retries after the first try. Default `2` (3 tries in all); `0` never retries. */
  readonly maxRetries?: number;
  /** Ceiling of the backoff before the first retry, in ms. Default `500`. */
  readonly initialDelayMs?: number;
  /** Growth of the ceiling per retry. Default `2`. */
  readonly multiplier?: number;
  /** Largest backoff ceiling, in ms. Default `30_000`. */
  readonly maxDelayMs?: number;
  /**
   * Largest wait taken from the provider's `retry-after` / `retry-after-ms` headers, in ms; a
   * longer request fails the call at once with the provider's error (its `retryAfterMs` says when
   * to come back). Default `60_000`.
   */
  readonly maxRetryAfterMs?: number;
  /** Time limit of each try, in ms; a timed-out try is retried. Default: none. */
  readonly attemptTimeoutMs?: number;
  /**
   * Decides whether an error is retried. Default `isRetryableError` (429 but not quota, 408, 409,
   * 5xx, 529, connection failures, attempt timeouts; the provider's `x-should-retry` header first).
   */
  readonly isRetryable?: (error: unknown, context: ConduitCallContext) => boolean;
  /** Random source in [0, 1) for the jitter. Default `Math.random`; pass a fixed one in tests. */
  readonly random?: () => number;
}

/** The built-in retry of one scope: its settings, or `false` to turn it off there. */
export type RetrySetting = false | RetryOptions;
