import type { CallKind } from '../../core';

/** Options of `TimeoutInterceptor`. */
export interface TimeoutInterceptorOptions {
  /**
   * Milliseconds the call may take from `next.handle()` to its last value (a stream: to its
   * `finish` event). Default `60_000`.
   */
  readonly timeoutMs?: number;
  /** Kinds of call the limit applies to. Default `['chat', 'stream', 'embed']` (tools run untimed). */
  readonly kinds?: readonly CallKind[];
}

/** Options of `StreamIdleTimeoutInterceptor`. */
export interface StreamIdleTimeoutInterceptorOptions {
  /** Milliseconds a stream may stay silent (before its first event or between two). Default `30_000`. */
  readonly idleTimeoutMs?: number;
}
