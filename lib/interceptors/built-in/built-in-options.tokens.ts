/**
 * Injection tokens for the options of the built-in interceptors, for apps that let Nest build an
 * interceptor class (`interceptors: [RetryInterceptor]`) and provide its options as a provider:
 * `{ provide: RETRY_INTERCEPTOR_OPTIONS, useValue: { maxAttempts: 5 } }`. Passing an instance
 * (`new RetryInterceptor({ maxAttempts: 5 })`) needs no token.
 */
export const RETRY_INTERCEPTOR_OPTIONS = Symbol('conduit:retry-interceptor-options');
/** Options token of `TimeoutInterceptor`. */
export const TIMEOUT_INTERCEPTOR_OPTIONS = Symbol('conduit:timeout-interceptor-options');
/** Options token of `StreamIdleTimeoutInterceptor`. */
export const STREAM_IDLE_TIMEOUT_INTERCEPTOR_OPTIONS = Symbol(
  'conduit:stream-idle-timeout-interceptor-options',
);
/** Options token of `LoggingInterceptor`. */
export const LOGGING_INTERCEPTOR_OPTIONS = Symbol('conduit:logging-interceptor-options');
/** Options token of `ResponseCacheInterceptor`. */
export const RESPONSE_CACHE_INTERCEPTOR_OPTIONS = Symbol(
  'conduit:response-cache-interceptor-options',
);
/** Options token of `CostTrackingInterceptor`. */
export const COST_TRACKING_INTERCEPTOR_OPTIONS = Symbol(
  'conduit:cost-tracking-interceptor-options',
);
/** Options token of `RateLimitInterceptor`. */
export const RATE_LIMIT_INTERCEPTOR_OPTIONS = Symbol('conduit:rate-limit-interceptor-options');
/** Options token of `SlidingWindowInterceptor`. */
export const SLIDING_WINDOW_INTERCEPTOR_OPTIONS = Symbol(
  'conduit:sliding-window-interceptor-options',
);
/** Options token of `TokenLimitInterceptor`. */
export const TOKEN_LIMIT_INTERCEPTOR_OPTIONS = Symbol('conduit:token-limit-interceptor-options');
