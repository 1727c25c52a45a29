/**
 * Where `ResponseCacheInterceptor` keeps answers. An abstract class so that it doubles as the
 * injection token: provide `{ provide: ResponseCacheStore, useClass: MyStore }` (or `useValue`) to
 * swap the in-memory default for Redis or your own backend. Values are opaque strings (serialized
 * answers); the store only keeps them for `ttlMs`.
 */
export abstract class ResponseCacheStore {
  /** The value stored under `key`, or `undefined` when absent or expired. */
  abstract get(key: string): Promise<string | undefined>;
  /** Stores `value` under `key` for `ttlMs` milliseconds, replacing any previous value. */
  abstract set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Removes `key` (no error when absent). */
  abstract delete(key: string): Promise<void>;
}
