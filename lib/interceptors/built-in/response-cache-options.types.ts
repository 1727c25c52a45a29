import type { CallKind, ConduitCallContext } from '../../core';
import type { ResponseCacheStore } from '../stores/response-cache.store';

/** Options of `ResponseCacheInterceptor`. */
export interface ResponseCacheInterceptorOptions {
  /** How long an answer stays cached, in ms. Default `3_600_000` (one hour). */
  readonly ttlMs?: number;
  /** Kinds of call cached. Default `['chat', 'stream', 'embed']`. */
  readonly kinds?: readonly Exclude<CallKind, 'tool'>[];
  /**
   * Decides per call whether to use the cache (for example skip `temperature > 0`). Default: every
   * call of the listed kinds.
   */
  readonly shouldCache?: (context: ConduitCallContext) => boolean;
  /**
   * The store. Default: when Nest builds the interceptor, the `ResponseCacheStore` provider of
   * the module that imports `ConduitModule` (its own, or exported by one of its imports); otherwise,
   * and for an instance made with `new`, a private `InMemoryResponseCacheStore`.
   */
  readonly store?: ResponseCacheStore;
  /**
   * Longest wait for the store, in ms; a slower read counts as a miss and a slower write is
   * abandoned, so a sick cache never holds a call up. Default `1000`.
   */
  readonly storeTimeoutMs?: number;
}
