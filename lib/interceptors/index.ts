/**
 * nestjs-conduit interceptors: the built-ins, their options tokens and stores, cost tracking.
 * Re-exported by the package root (`lib/index.ts`).
 */
export { RetryInterceptor } from './built-in/retry.interceptor';
export type { RetryInterceptorOptions } from './built-in/retry-options.types';
export { isRetryableError, requestedRetryDelay } from './built-in/is-retryable-error';
export { TimeoutInterceptor } from './built-in/timeout.interceptor';
export { StreamIdleTimeoutInterceptor } from './built-in/stream-idle-timeout.interceptor';
export type {
  StreamIdleTimeoutInterceptorOptions,
  TimeoutInterceptorOptions,
} from './built-in/timeout-options.types';
export { LoggingInterceptor } from './built-in/logging.interceptor';
export type { CallLogLine, LoggingInterceptorOptions } from './built-in/logging-options.types';
export { ResponseCacheInterceptor } from './built-in/response-cache.interceptor';
export type { ResponseCacheInterceptorOptions } from './built-in/response-cache-options.types';
export { responseCacheKey } from './built-in/response-cache-key';
export { ResponseCacheStore } from './stores/response-cache.store';
export {
  InMemoryResponseCacheStore,
  type InMemoryResponseCacheStoreOptions,
} from './stores/in-memory-response-cache.store';
export {
  RedisResponseCacheStore,
  type RedisResponseCacheStoreOptions,
} from './stores/redis-response-cache.store';
export type { RedisClientLike } from './stores/redis-client.types';
export { CostTrackingInterceptor } from './built-in/cost-tracking.interceptor';
export type { CostTrackingInterceptorOptions } from './built-in/cost-tracking-options.types';
export { CostTracker } from './built-in/cost-tracker.service';
export { computeCost } from './built-in/compute-cost';
export type { CostBreakdown, CostRecord, CostSummary, ModelPrice } from './built-in/cost.types';
export { RateLimitInterceptor } from './built-in/rate-limit.interceptor';
export type { RateLimitInterceptorOptions } from './built-in/rate-limit-options.types';
export {
  RateLimitStore,
  type RateLimitDecision,
  type TokenBucketSpec,
} from './stores/rate-limit.store';
export { InMemoryRateLimitStore } from './stores/in-memory-rate-limit.store';
export {
  RedisRateLimitStore,
  type RedisRateLimitStoreOptions,
} from './stores/redis-rate-limit.store';
export { KeepSystemFirstInterceptor } from './built-in/keep-system-first.interceptor';
export { SlidingWindowInterceptor } from './built-in/sliding-window.interceptor';
export { TokenLimitInterceptor } from './built-in/token-limit.interceptor';
export type {
  SlidingWindowInterceptorOptions,
  TokenLimitInterceptorOptions,
} from './built-in/message-shaping-options.types';
export { ConduitMetadataKeys, type RetryRecord } from './built-in/conduit-metadata.keys';
export {
  COST_TRACKING_INTERCEPTOR_OPTIONS,
  LOGGING_INTERCEPTOR_OPTIONS,
  RATE_LIMIT_INTERCEPTOR_OPTIONS,
  RESPONSE_CACHE_INTERCEPTOR_OPTIONS,
  RETRY_INTERCEPTOR_OPTIONS,
  SLIDING_WINDOW_INTERCEPTOR_OPTIONS,
  STREAM_IDLE_TIMEOUT_INTERCEPTOR_OPTIONS,
  TIMEOUT_INTERCEPTOR_OPTIONS,
  TOKEN_LIMIT_INTERCEPTOR_OPTIONS,
} from './built-in/built-in-options.tokens';
