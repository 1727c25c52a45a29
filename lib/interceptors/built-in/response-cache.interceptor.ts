import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { defer, from, Observable, of, switchMap, tap } from 'rxjs';
import type {
  CallHandler,
  CallKind,
  CallOutput,
  ChatResponse,
  ConduitCallContext,
  ConduitInterceptor,
  EmbeddingResponse,
  StreamEvent,
} from '../../core';
import { InMemoryResponseCacheStore } from '../stores/in-memory-response-cache.store';
import { ResponseCacheStore } from '../stores/response-cache.store';
import { RESPONSE_CACHE_INTERCEPTOR_OPTIONS } from './built-in-options.tokens';
import { parseCachedEntry, type CachedEntry } from './cached-entry';
import { ConduitMetadataKeys } from './conduit-metadata.keys';
import { responseCacheKey } from './response-cache-key';
import type { ResponseCacheInterceptorOptions } from './response-cache-options.types';

type CachedKind = Exclude<CallKind, 'tool'>;

/**
 * Answers a call from the cache when the same request (same model, messages, tools and settings:
 * see `responseCacheKey`) was answered before, within `ttlMs`; otherwise calls the model and
 * stores the answer. Streams are stored as their events once they finish, and replayed event by
 * event. Failed, aborted or `finishReason: 'error'` answers are never stored.
 *
 * A cache failure never fails the call: a store that throws, hangs past `storeTimeoutMs` or holds
 * a corrupt value counts as a miss (and is logged as a warning).
 * `context.metadata` gets `ConduitMetadataKeys.cacheHit` and `ConduitMetadataKeys.cacheKey`.
 *
 * Options (defaults): `ttlMs` 3 600 000, `kinds` `['chat', 'stream', 'embed']`, `shouldCache`
 * every call, `store` the app's `ResponseCacheStore` provider or an in-memory LRU, `storeTimeoutMs` 1000.
 *
 * @example
 * interceptors: [new ResponseCacheInterceptor({ ttlMs: 600_000, shouldCache: (c) => c.kind !== 'embed' })]
 */
@Injectable()
export class ResponseCacheInterceptor implements ConduitInterceptor {
  protected readonly logger = new Logger(ResponseCacheInterceptor.name);
  protected readonly store: ResponseCacheStore;
  protected readonly ttlMs: number;
  protected readonly kinds: readonly CachedKind[];
  protected readonly storeTimeoutMs: number;
  /** Whether a call may be answered from, and stored in, the cache (`options.shouldCache`). */
  protected readonly shouldCache: (context: ConduitCallContext) => boolean;

  constructor(
    @Optional()
    @Inject(RESPONSE_CACHE_INTERCEPTOR_OPTIONS)
    options: ResponseCacheInterceptorOptions = {},
    @Optional() store?: ResponseCacheStore,
  ) {
    this.store = options.store ?? store ?? new InMemoryResponseCacheStore();
    this.ttlMs = options.ttlMs ?? 3_600_000;
    this.kinds = options.kinds ?? ['chat', 'stream', 'embed'];
    this.storeTimeoutMs = options.storeTimeoutMs ?? 1000;
    this.shouldCache = options.shouldCache ?? (() => true);
  }

  intercept(context: ConduitCallContext, next: CallHandler): Observable<CallOutput> {
    const kind = context.kind;
    if (kind === 'tool' || !this.kinds.includes(kind) || !this.shouldCache(context)) {
      return next.handle();
    }
    return defer(() => {
      const key = responseCacheKey(context) ?? '';
      context.metadata.set(ConduitMetadataKeys.cacheKey, key);
      return from(this.read(key)).pipe(
        switchMap((entry) => {
          const hit = entry?.kind === kind ? entry : undefined;
          context.metadata.set(ConduitMetadataKeys.cacheHit, hit !== undefined);
          return hit === undefined ? this.fill(kind, key, next) : replay(hit);
        }),
      );
    });
  }

  /** Calls the model and stores a complete, successful answer (without waiting for the store). */
  protected fill(kind: CachedKind, key: string, next: CallHandler): Observable<CallOutput> {
    if (kind !== 'stream') {
      return next.handle().pipe(
        tap((value) => {
          const entry: CachedEntry =
            kind === 'chat'
              ? { kind, response: value as ChatResponse }
              : { kind, response: value as EmbeddingResponse };
          if (kind === 'chat' && (value as ChatResponse).finishReason === 'error') return;
          this.write(key, entry);
        }),
      );
    }
    const events: StreamEvent[] = [];
    return next.handle().pipe(
      tap({
        next: (event) => events.push(event as StreamEvent),
        complete: () => {
          const last = events[events.length - 1];
          if (last?.type === 'finish' && last.finishReason !== 'error') {
            this.write(key, { kind: 'stream', events });
          }
        },
      }),
    );
  }

  /** Reads an entry; any failure, a timeout or a corrupt value is a miss. */
  protected async read(key: string): Promise<CachedEntry | undefined> {
    try {
      const text = await this.bounded(this.store.get(key), 'read');
      return text === undefined ? undefined : parseCachedEntry(text);
    } catch (error: unknown) {
      this.logger.warn(`Cache read failed, calling the model instead: ${describe(error)}`);
      return undefined;
    }
  }

  /** Stores an entry in the background; a failure is logged, never thrown. */
  protected write(key: string, entry: CachedEntry): void {
    this.bounded(this.store.set(key, JSON.stringify(entry), this.ttlMs), 'write').catch(
      (error: unknown) => this.logger.warn(`Cache write failed: ${describe(error)}`),
    );
  }

  /** Races a store operation against `storeTimeoutMs`. */
  private bounded<T>(operation: Promise<T>, what: string): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () => reject(new Error(`cache ${what} took longer than ${this.storeTimeoutMs} ms`)),
        this.storeTimeoutMs,
      );
    });
    return Promise.race([operation, timeout]).finally(() => clearTimeout(timer));
  }
}

function replay(entry: CachedEntry): Observable<CallOutput> {
  return entry.kind === 'stream' ? from(entry.events) : of(entry.response);
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
