import { Injectable } from '@nestjs/common';
import { RateLimitStore, type RateLimitDecision, type TokenBucketSpec } from './rate-limit.store';
import { refill, waitFor, type BucketState } from './token-bucket';

interface HeldBucket extends BucketState {
  readonly capacity: number;
  readonly refillPerMs: number;
}

/** Buckets kept before full ones are swept out (a full bucket is the same as a missing one). */
const SWEEP_ABOVE = 10_000;

/**
 * The default `RateLimitStore`: token buckets in this process. Atomic by construction (the
 * JavaScript event loop runs one `consume` at a time). Not shared between app instances: use
 * `RedisRateLimitStore` for that.
 */
@Injectable()
export class InMemoryRateLimitStore extends RateLimitStore {
  protected readonly buckets = new Map<string, HeldBucket>();

  consume(specs: readonly TokenBucketSpec[], now: number): Promise<RateLimitDecision> {
    const current = specs.map((spec) =>
      refill(this.buckets.get(spec.key), spec.capacity, spec.refillPerMs, now),
    );
    let retryAfterMs = 0;
    let limitedBy: string | undefined;
    specs.forEach((spec, i) => {
      const wait = waitFor(current[i]?.tokens ?? 0, spec.cost, spec.refillPerMs);
      if (wait > retryAfterMs) {
        retryAfterMs = wait;
        limitedBy = spec.key;
      }
    });
    if (limitedBy !== undefined)
      return Promise.resolve({ granted: false, retryAfterMs, limitedBy });
    specs.forEach((spec, i) => {
      const state = current[i];
      this.buckets.set(spec.key, {
        tokens: state.tokens - spec.cost,
        updatedAt: state.updatedAt,
        capacity: spec.capacity,
        refillPerMs: spec.refillPerMs,
      });
    });
    if (this.buckets.size > SWEEP_ABOVE) this.sweep(now);
    return Promise.resolve({ granted: true, retryAfterMs: 0 });
  }

  adjust(bucket: Omit<TokenBucketSpec, 'cost'>, delta: number, now: number): Promise<void> {
    const state = refill(this.buckets.get(bucket.key), bucket.capacity, bucket.refillPerMs, now);
    this.buckets.set(bucket.key, {
      tokens: Math.min(bucket.capacity, state.tokens + delta),
      updatedAt: state.updatedAt,
      capacity: bucket.capacity,
      refillPerMs: bucket.refillPerMs,
    });
    return Promise.resolve();
  }

  /** Drops buckets that have refilled completely: they hold no information. */
  protected sweep(now: number): void {
    for (const [key, held] of this.buckets) {
      if (refill(held, held.capacity, held.refillPerMs, now).tokens >= held.capacity) {
        this.buckets.delete(key);
      }
    }
  }
}
