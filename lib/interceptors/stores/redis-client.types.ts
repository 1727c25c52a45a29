/**
 * The few Redis commands the Redis stores use, in the shape of an `ioredis` client (`new Redis()`),
 * so any compatible client can be passed and the library itself depends on no Redis package.
 */
export interface RedisClientLike {
  /** `GET key`. */
  get(key: string): Promise<string | null>;
  /** `SET key value PX ttlMs`. */
  set(key: string, value: string, expiryMode: 'PX', ttlMs: number): Promise<unknown>;
  /** `DEL key`. */
  del(key: string): Promise<number>;
  /** `EVALSHA sha numKeys ...keys ...args`. */
  evalsha(sha: string, numKeys: number, ...keysAndArgs: (string | number)[]): Promise<unknown>;
  /** `EVAL script numKeys ...keys ...args`. */
  eval(script: string, numKeys: number, ...keysAndArgs: (string | number)[]): Promise<unknown>;
}
