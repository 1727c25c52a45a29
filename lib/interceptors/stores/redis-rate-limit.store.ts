import { createHash } from 'node:crypto';
import type { RedisClientLike } from './redis-client.types';
import { ADJUST_SCRIPT, CONSUME_SCRIPT } from './redis-rate-limit.script';
import { RateLimitStore, type RateLimitDecision, type TokenBucketSpec } from './rate-limit.store';

/** Options of `RedisRateLimitStore`. */
export interface RedisRateLimitStoreOptions {
  /** A connected client, e.g. `new Redis(process.env.REDIS_URL)` from `ioredis`. Not closed by the store. */
  readonly client: RedisClientLike;
}

const sha1 = (script: string): string => createHash('sha1').update(script).digest('hex');

/**
 * A `RateLimitStore` in Redis: several app instances share one budget. Each `consume` is a single
 * Lua script (atomic in Redis), so two instances can never both take the last token. Time comes
 * from the calling instance's clock (`now`), so keep hosts NTP-synchronised; a clock behind the
 * bucket's last update refills nothing rather than corrupting it.
 *
 * @example
 * import Redis from 'ioredis';
 * providers: [{ provide: RateLimitStore, useValue: new RedisRateLimitStore({ client: new Redis(url) }) }]
 */
export class RedisRateLimitStore extends RateLimitStore {
  protected readonly client: RedisClientLike;

  constructor(options: RedisRateLimitStoreOptions) {
    super();
    this.client = options.client;
  }

  async consume(buckets: readonly TokenBucketSpec[], now: number): Promise<RateLimitDecision> {
    const args = buckets.flatMap((b) => [b.capacity, b.refillPerMs, b.cost]);
    const reply = await this.run(
      CONSUME_SCRIPT,
      buckets.map((b) => b.key),
      [now, ...args],
    );
    const [wait, slowest] = Array.isArray(reply) ? reply.map(Number) : [Number.NaN, 0];
    if (wait === undefined || !Number.isFinite(wait)) {
      throw new Error(`Unexpected reply from the rate-limit script: ${JSON.stringify(reply)}`);
    }
    if (wait <= 0) return { granted: true, retryAfterMs: 0 };
    const limitedBy = buckets[(slowest ?? 1) - 1]?.key;
    return {
      granted: false,
      retryAfterMs: wait,
      ...(limitedBy === undefined ? {} : { limitedBy }),
    };
  }

  async adjust(bucket: Omit<TokenBucketSpec, 'cost'>, delta: number, now: number): Promise<void> {
    await this.run(ADJUST_SCRIPT, [bucket.key], [now, bucket.capacity, bucket.refillPerMs, delta]);
  }

  /** EVALSHA first (the script body is sent once per Redis restart), EVAL when Redis lacks it. */
  protected async run(
    script: string,
    keys: readonly string[],
    args: readonly number[],
  ): Promise<unknown> {
    try {
      return await this.client.evalsha(sha1(script), keys.length, ...keys, ...args);
    } catch (error: unknown) {
      if (!(error instanceof Error) || !error.message.includes('NOSCRIPT')) throw error;
      return this.client.eval(script, keys.length, ...keys, ...args);
    }
  }
}
