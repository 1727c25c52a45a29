/** One token bucket of a rate limit, and what a call takes from it. */
export interface TokenBucketSpec {
  /** Storage key of the bucket (already holding the alias, the user key and the limit kind). */
  readonly key: string;
  /** Most tokens the bucket holds (the burst). */
  readonly capacity: number;
  /** Tokens added back per millisecond. */
  readonly refillPerMs: number;
  /** Tokens this call takes. */
  readonly cost: number;
}

/** The answer of `RateLimitStore.consume`. */
export interface RateLimitDecision {
  readonly granted: boolean;
  /** When refused: milliseconds until every bucket holds enough tokens (0 when granted). */
  readonly retryAfterMs: number;
  /** When refused: the key of the bucket that needs the longest wait. */
  readonly limitedBy?: string;
}

/**
 * Keeps the token buckets of `RateLimitInterceptor`. An abstract class so that it doubles as the
 * injection token: provide `{ provide: RateLimitStore, useValue: new RedisRateLimitStore(...) }` to
 * share limits between app instances. Implementations must make `consume` atomic across all the
 * buckets of one call: either every bucket pays, or none.
 */
export abstract class RateLimitStore {
  /** Takes `cost` from every bucket at time `now` (ms), or from none when one lacks tokens. */
  abstract consume(buckets: readonly TokenBucketSpec[], now: number): Promise<RateLimitDecision>;
  /**
   * Adds `delta` tokens to a bucket (negative: takes more, possibly below zero, which later calls
   * then wait for). Used to correct an estimate once the real usage is known.
   */
  abstract adjust(bucket: Omit<TokenBucketSpec, 'cost'>, delta: number, now: number): Promise<void>;
}
