/**
 * The few Redis commands `RedisConversationStore` uses, in the shape of an `ioredis` client
 * (`new Redis(url)`), so any compatible client can be passed and the library depends on no Redis
 * package.
 */
export interface RedisConversationClient {
  /** `EVAL script numKeys ...keys ...args`. */
  eval(script: string, numKeys: number, ...keysAndArgs: (string | number)[]): Promise<unknown>;
  /** `SCAN cursor MATCH pattern COUNT count`: the next cursor and a page of keys. */
  scan(
    cursor: string | number,
    matchOption: 'MATCH',
    pattern: string,
    countOption: 'COUNT',
    count: string | number,
  ): Promise<[cursor: string, elements: string[]]>;
}
