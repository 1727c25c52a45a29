import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { defer, finalize, from, Observable, switchMap, tap } from 'rxjs';
import {
  ConduitValidationError,
  type CallHandler,
  type CallKind,
  type CallOutput,
  type ConduitCallContext,
  type ConduitInterceptor,
} from '../../core';
import { RateLimitExceededError } from '../../core/errors/rate-limit-exceeded.error';
import { InMemoryRateLimitStore } from '../stores/in-memory-rate-limit.store';
import { RateLimitStore, type TokenBucketSpec } from '../stores/rate-limit.store';
import { sleep } from './abort-signal.utils';
import { RATE_LIMIT_INTERCEPTOR_OPTIONS } from './built-in-options.tokens';
import { emptyOutcome, recordOutput } from './call-outcome';
import { ConduitMetadataKeys } from './conduit-metadata.keys';
import { estimateCallTokens } from './estimate-call-tokens';
import type { RateLimitInterceptorOptions } from './rate-limit-options.types';

const MINUTE_MS = 60_000;

/**
 * Client-side rate limits per model alias (and optionally per user key): requests per minute and
 * tokens per minute, as token buckets that hold one minute's worth and refill evenly. A call takes
 * one request and its estimated tokens (prompt + `maxTokens`) before it runs; once its real usage
 * is known the difference is given back or taken. Over the limit, a call waits for tokens
 * (`onLimit: 'wait'`, bounded by `maxWaitMs`, cancelled at once by the call's signal) or fails with
 * `RateLimitExceededError` (`onLimit: 'error'`).
 *
 * With `RedisRateLimitStore` every app instance draws from the same buckets (an atomic Lua
 * script), so together they never exceed the limits. A store that fails lets the call through
 * (logged as a warning): a broken limiter must not take the app down.
 *
 * Options (defaults): `requestsPerMinute` / `tokensPerMinute` (at least one), `key` none,
 * `onLimit` `'wait'`, `maxWaitMs` 30 000, `estimateTokens` `countTokens` + `maxTokens`,
 * `store` the app's `RateLimitStore` provider or in-memory, `keyPrefix` `conduit:rate-limit:`,
 * `kinds` `['chat', 'stream', 'embed']`, `now` `Date.now`.
 *
 * @example
 * new RateLimitInterceptor({ requestsPerMinute: 500, tokensPerMinute: 200_000, key: (c) => tenantOf(c) })
 */
@Injectable()
export class RateLimitInterceptor implements ConduitInterceptor {
  protected readonly logger = new Logger(RateLimitInterceptor.name);
  protected readonly store: RateLimitStore;
  protected readonly options: RateLimitInterceptorOptions;
  protected readonly kinds: readonly CallKind[];
  /** The clock (ms since the epoch); injectable for tests. */
  protected readonly now: () => number;

  constructor(
    @Optional() @Inject(RATE_LIMIT_INTERCEPTOR_OPTIONS) options: RateLimitInterceptorOptions = {},
    @Optional() store?: RateLimitStore,
  ) {
    validateOptions(options);
    this.options = options;
    this.store = options.store ?? store ?? new InMemoryRateLimitStore();
    this.kinds = options.kinds ?? ['chat', 'stream', 'embed'];
    this.now = options.now ?? Date.now;
  }

  intercept(context: ConduitCallContext, next: CallHandler): Observable<CallOutput> {
    if (!this.kinds.includes(context.kind)) return next.handle();
    return defer(() => {
      const userKey = this.options.key?.(context);
      const estimate = this.options.tokensPerMinute === undefined ? 0 : this.estimate(context);
      const buckets = this.bucketsFor(context.alias, userKey, estimate);
      return from(this.acquire(context, buckets, userKey)).pipe(
        switchMap((acquired) => {
          const tokens = buckets.find((b) => b.key.endsWith(':tokens'));
          return acquired && tokens !== undefined
            ? this.correctAfter(context, next, tokens)
            : next.handle();
        }),
      );
    });
  }

  /** Tokens taken before the call: the `estimateTokens` option or `estimateCallTokens`. */
  protected estimate(context: ConduitCallContext): number {
    const estimate = (this.options.estimateTokens ?? estimateCallTokens)(context);
    return Math.max(0, Math.ceil(estimate));
  }

  /** The buckets of a call: `<prefix><alias>:<user key or *>:requests|tokens`. */
  protected bucketsFor(
    alias: string,
    userKey: string | undefined,
    tokens: number,
  ): TokenBucketSpec[] {
    const base = `${this.options.keyPrefix ?? 'conduit:rate-limit:'}${alias}:${userKey ?? '*'}`;
    const buckets: TokenBucketSpec[] = [];
    const { requestsPerMinute: rpm, tokensPerMinute: tpm } = this.options;
    if (rpm !== undefined) {
      buckets.push({
        key: `${base}:requests`,
        capacity: rpm,
        refillPerMs: rpm / MINUTE_MS,
        cost: 1,
      });
    }
    if (tpm !== undefined) {
      buckets.push({
        key: `${base}:tokens`,
        capacity: tpm,
        refillPerMs: tpm / MINUTE_MS,
        cost: tokens,
      });
    }
    return buckets;
  }

  /**
   * Takes the call's share, waiting for it when allowed. Resolves `true` once taken, `false` when
   * the store failed (the call then goes through unlimited); rejects with `RateLimitExceededError`
   * or the abort error of the call's signal.
   */
  protected async acquire(
    context: ConduitCallContext,
    buckets: readonly TokenBucketSpec[],
    userKey: string | undefined,
  ): Promise<boolean> {
    const tooLarge = buckets.find((b) => b.cost > b.capacity);
    if (tooLarge !== undefined) {
      throw this.exceeded(context.alias, userKey, tooLarge.key, Infinity, 'too-large');
    }
    const maxWaitMs = this.options.maxWaitMs ?? 30_000;
    let waitedMs = 0;
    for (;;) {
      let decision;
      try {
        decision = await this.store.consume(buckets, this.now());
      } catch (error: unknown) {
        this.logger.warn(`Rate-limit store failed, letting the call through: ${String(error)}`);
        return false;
      }
      if (decision.granted) {
        context.metadata.set(ConduitMetadataKeys.rateLimitWaitMs, waitedMs);
        return true;
      }
      const limitedBy = decision.limitedBy ?? buckets[0]?.key ?? '';
      if (this.options.onLimit === 'error') {
        throw this.exceeded(context.alias, userKey, limitedBy, decision.retryAfterMs, 'error-mode');
      }
      if (waitedMs + decision.retryAfterMs > maxWaitMs) {
        throw this.exceeded(
          context.alias,
          userKey,
          limitedBy,
          decision.retryAfterMs,
          'wait-too-long',
        );
      }
      await sleep(decision.retryAfterMs, context.signal);
      waitedMs += decision.retryAfterMs;
    }
  }

  /** Runs the call and, once its usage is known, gives back or takes the estimate's error. */
  protected correctAfter(
    context: ConduitCallContext,
    next: CallHandler,
    tokens: TokenBucketSpec,
  ): Observable<CallOutput> {
    const outcome = emptyOutcome();
    return next.handle().pipe(
      tap((value) => recordOutput(context.kind, value, outcome)),
      finalize(() => {
        // Without usage (a failed or cancelled call) the estimate stays taken: the provider may
        // well have counted the prompt.
        if (outcome.usage === undefined) return;
        const delta = tokens.cost - outcome.usage.totalTokens;
        if (delta === 0) return;
        this.store.adjust(tokens, delta, this.now()).catch((error: unknown) => {
          this.logger.warn(`Rate-limit store failed to correct a token estimate: ${String(error)}`);
        });
      }),
    );
  }

  private exceeded(
    alias: string,
    key: string | undefined,
    bucketKey: string,
    retryAfterMs: number,
    reason: 'error-mode' | 'wait-too-long' | 'too-large',
  ): RateLimitExceededError {
    return new RateLimitExceededError({
      alias,
      ...(key === undefined ? {} : { key }),
      limit: bucketKey.endsWith(':tokens') ? 'tokens' : 'requests',
      retryAfterMs,
      reason,
    });
  }
}

function validateOptions(options: RateLimitInterceptorOptions): void {
  const issues: { path: string; message: string }[] = [];
  const { requestsPerMinute: rpm, tokensPerMinute: tpm, maxWaitMs } = options;
  if (rpm === undefined && tpm === undefined) {
    issues.push({
      path: 'requestsPerMinute',
      message: 'set requestsPerMinute, tokensPerMinute or both',
    });
  }
  for (const [path, value] of [
    ['requestsPerMinute', rpm],
    ['tokensPerMinute', tpm],
  ] as const) {
    if (value !== undefined && !(Number.isFinite(value) && value > 0)) {
      issues.push({ path, message: `must be a positive number, got ${String(value)}` });
    }
  }
  if (maxWaitMs !== undefined && !(maxWaitMs >= 0)) {
    issues.push({ path: 'maxWaitMs', message: `must be 0 or more, got ${String(maxWaitMs)}` });
  }
  if (issues.length > 0)
    throw new ConduitValidationError(issues, 'Invalid RateLimitInterceptor options');
}
