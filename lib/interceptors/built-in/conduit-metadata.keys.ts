/**
 * Keys under which the built-in interceptors leave notes in `context.metadata`, for each other
 * (the logging interceptor reads the retry count and the cost) and for the caller.
 */
export const ConduitMetadataKeys = {
  /** `number`: attempts made so far by `RetryInterceptor` (1 when the first try succeeded). */
  retryAttempts: 'conduit.retry.attempts',
  /** `RetryRecord[]`: each failed attempt that was retried, with its error and the wait. */
  retryErrors: 'conduit.retry.errors',
  /** `boolean`: whether `ResponseCacheInterceptor` answered from the cache. */
  cacheHit: 'conduit.cache.hit',
  /** `string`: the cache key of the request. */
  cacheKey: 'conduit.cache.key',
  /** `CostRecord`: what `CostTrackingInterceptor` recorded for the call. */
  cost: 'conduit.cost',
  /** `number`: milliseconds `RateLimitInterceptor` made the call wait. */
  rateLimitWaitMs: 'conduit.rate-limit.wait-ms',
  /** `number`: messages dropped by the message-shaping interceptors. */
  trimmedMessages: 'conduit.messages.trimmed',
  /**
   * `GuardrailRecord[]`: the decisions of the guardrails (lib/guardrails), in order; the
   * OpenTelemetry interceptor turns each into a `conduit.guardrail` span event.
   */
  guardrails: 'conduit.guardrails',
} as const;

/** One retried failure, as `RetryInterceptor` records it under `ConduitMetadataKeys.retryErrors`. */
export interface RetryRecord {
  /** The attempt that failed (1 = the first try). */
  readonly attempt: number;
  /** The error's class name (`RateLimitError`, `ServerError`...). */
  readonly error: string;
  readonly message: string;
  /** How long the interceptor waited before the next attempt. */
  readonly delayMs: number;
}
