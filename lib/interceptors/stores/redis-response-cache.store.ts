import { ResponseCacheStore } from './response-cache.store';
import type { RedisClientLike } from './redis-client.types';

/** Options of `RedisResponseCacheStore`. */
export interface RedisResponseCacheStoreOptions {
  /** A connected client, e.g. `new Redis(process.env.REDIS_URL)` from `ioredis`. Not closed by the store. */
  readonly client: RedisClientLike;
  /** Prefix of every key. Default `conduit:cache:`. */
  readonly keyPrefix?: string;
}

/**
 * A `ResponseCacheStore` in Redis, so that every instance of an app shares one cache. Entries are
 * plain strings written with `SET key value PX ttl`: Redis expires them itself.
 *
 * @example
 * import Redis from 'ioredis';
 * providers: [{ provide: ResponseCacheStore, useValue: new RedisResponseCacheStore({ client: new Redis(url) }) }]
 */
export class RedisResponseCacheStore extends ResponseCacheStore {
  protected readonly client: RedisClientLike;
  protected readonly keyPrefix: string;

  constructor(options: RedisResponseCacheStoreOptions) {
    super();
    this.client = options.client;
    this.keyPrefix = options.keyPrefix ?? 'conduit:cache:';
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.client.get(this.keyPrefix + key)) ?? undefined;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    if (ttlMs <= 0) return;
    await this.client.set(this.keyPrefix + key, value, 'PX', Math.ceil(ttlMs));
  }

  async delete(key: string): Promise<void> {
    await this.client.del(this.keyPrefix + key);
  }
}
