/**
 * The few calls `RedisRunEventLog` makes, in the shape of an `ioredis` client (`new
 * Redis(url)`), so the library depends on no Redis package.
 */
export interface RedisRunEventClient {
  /** Any command: `call('XREAD', 'BLOCK', 5000, 'STREAMS', key, id)`. */
  call(command: string, ...args: (string | number)[]): Promise<unknown>;
  /** A new connection with the same options: the blocking reads run on their own. */
  duplicate(): RedisRunEventClient;
  /** Closes the connection at once (a pending blocking read ends with it). */
  disconnect(): void;
}
