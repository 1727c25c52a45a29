/**
 * The one Redis command `RedisCheckpointStore` uses, in the shape of an `ioredis` client
 * (`new Redis(url)`), so any compatible client can be passed and the library depends on no Redis
 * package.
 */
export interface RedisCheckpointClient {
  /** `EVAL script numKeys ...keys ...args`. */
  eval(script: string, numKeys: number, ...keysAndArgs: (string | number)[]): Promise<unknown>;
}
