/**
 * The one Redis command `RedisAgentRunStore` uses, in the shape of an `ioredis` client
 * (`new Redis(url)`), so the library depends on no Redis package.
 */
export interface RedisAgentRunClient {
  /** `EVAL script numKeys ...keys ...args`. */
  eval(script: string, numKeys: number, ...keysAndArgs: (string | number)[]): Promise<unknown>;
}
