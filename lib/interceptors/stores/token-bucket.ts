/** The stored state of one token bucket. */
export interface BucketState {
  readonly tokens: number;
  /** Time (ms) `tokens` was computed at. */
  readonly updatedAt: number;
}

/**
 * The bucket's tokens at `now`: refilled at `refillPerMs` since `updatedAt`, never above
 * `capacity`. A missing bucket is full. A clock behind `updatedAt` (another instance's) refills
 * nothing rather than a negative amount. The Redis store's Lua script does the same arithmetic.
 */
export function refill(
  state: BucketState | undefined,
  capacity: number,
  refillPerMs: number,
  now: number,
): BucketState {
  if (state === undefined) return { tokens: capacity, updatedAt: now };
  const elapsed = Math.max(0, now - state.updatedAt);
  return {
    tokens: Math.min(capacity, state.tokens + elapsed * refillPerMs),
    updatedAt: Math.max(now, state.updatedAt),
  };
}

/** Milliseconds until a bucket holding `tokens` can pay `cost`. */
export function waitFor(tokens: number, cost: number, refillPerMs: number): number {
  return tokens >= cost ? 0 : Math.ceil((cost - tokens) / refillPerMs);
}
