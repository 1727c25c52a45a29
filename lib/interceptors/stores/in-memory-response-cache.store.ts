import { Inject, Injectable, Optional } from '@nestjs/common';
import { ResponseCacheStore } from './response-cache.store';

/** Options of `InMemoryResponseCacheStore`. */
export interface InMemoryResponseCacheStoreOptions {
  /** Most entries kept; the least recently used goes first. Default `1000`. */
  readonly maxEntries?: number;
  /** Most bytes kept (keys and values, UTF-8); the least recently used go first. Default 50 MiB. */
  readonly maxBytes?: number;
  /** Clock in ms. Default `Date.now` (Jest fake timers drive it). */
  readonly now?: () => number;
}

/** Injection token for the options of `InMemoryResponseCacheStore` when Nest builds it. */
export const IN_MEMORY_RESPONSE_CACHE_STORE_OPTIONS = Symbol(
  'conduit:in-memory-response-cache-store-options',
);

interface Entry {
  readonly value: string;
  readonly bytes: number;
  readonly expiresAt: number;
}

/**
 * The default `ResponseCacheStore`: a least-recently-used map in this process, bounded by entry
 * count and by bytes. Expired entries are dropped when read or when room is needed. Not shared
 * between app instances: use `RedisResponseCacheStore` for that.
 */
@Injectable()
export class InMemoryResponseCacheStore extends ResponseCacheStore {
  protected readonly entries = new Map<string, Entry>();
  protected readonly maxEntries: number;
  protected readonly maxBytes: number;
  /** The clock (ms since the epoch); injectable for tests. */
  protected readonly now: () => number;
  private bytes = 0;

  constructor(
    @Optional()
    @Inject(IN_MEMORY_RESPONSE_CACHE_STORE_OPTIONS)
    options: InMemoryResponseCacheStoreOptions = {},
  ) {
    super();
    this.maxEntries = options.maxEntries ?? 1000;
    this.maxBytes = options.maxBytes ?? 50 * 1024 * 1024;
    this.now = options.now ?? Date.now;
  }

  /** Entries currently held (expired ones included until they are read or evicted). */
  get size(): number {
    return this.entries.size;
  }

  /** Bytes currently held. */
  get sizeInBytes(): number {
    return this.bytes;
  }

  get(key: string): Promise<string | undefined> {
    const entry = this.entries.get(key);
    if (entry === undefined) return Promise.resolve(undefined);
    this.remove(key);
    if (entry.expiresAt <= this.now()) return Promise.resolve(undefined);
    // Re-inserting moves the key to the most recently used end of the Map's order.
    this.entries.set(key, entry);
    this.bytes += entry.bytes;
    return Promise.resolve(entry.value);
  }

  set(key: string, value: string, ttlMs: number): Promise<void> {
    this.remove(key);
    const bytes = Buffer.byteLength(key) + Buffer.byteLength(value);
    // An entry larger than the whole budget would evict everything and still not fit.
    if (bytes > this.maxBytes || ttlMs <= 0) return Promise.resolve();
    this.entries.set(key, { value, bytes, expiresAt: this.now() + ttlMs });
    this.bytes += bytes;
    this.evict();
    return Promise.resolve();
  }

  delete(key: string): Promise<void> {
    this.remove(key);
    return Promise.resolve();
  }

  /** Drops expired entries first, then the least recently used until both bounds hold. */
  protected evict(): void {
    if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) return;
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt <= now) this.remove(key);
    }
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.remove(key);
    }
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }
}
