import type { RetryOptions } from '../../core';

/**
 * Options of `RetryInterceptor`: the built-in retry's settings (`RetryOptions`, one definition of
 * the backoff, `retry-after` cap, per-try timeout, retry decision and jitter), counted in tries
 * instead of retries.
 */
export interface RetryInterceptorOptions extends Omit<RetryOptions, 'maxRetries'> {
  /** Tries in all, the first included. Default `3` (`RetryOptions.maxRetries` + 1). */
  readonly maxAttempts?: number;
}
