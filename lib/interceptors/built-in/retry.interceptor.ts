import { Inject, Injectable, Optional } from '@nestjs/common';
import { mergeMap, Observable, type Subscription } from 'rxjs';
import {
  TimeoutError,
  type CallHandler,
  type CallOutput,
  type ConduitCallContext,
  type ConduitInterceptor,
  type RetryOptions,
} from '../../core';
import { abortableDelay } from './abort-signal.utils';
import { RETRY_INTERCEPTOR_OPTIONS } from './built-in-options.tokens';
import { ConduitMetadataKeys, type RetryRecord } from './conduit-metadata.keys';
import { runWithDeadline } from './deadline';
import { isRetryableError, requestedRetryDelay } from './is-retryable-error';
import type { RetryInterceptorOptions } from './retry-options.types';

/**
 * Calls the rest of the chain again when it fails with a retryable error, waiting between tries:
 * exponential backoff with full jitter (a random wait between 0 and
 * `min(maxDelayMs, initialDelayMs * multiplier^(retry - 1))`), or exactly the wait the provider
 * asked for (`RateLimitError` / `ServerError` `retryAfterMs`).
 *
 * - A provider that asks for a wait longer than `maxRetryAfterMs` gets no retry: the call fails at
 *   once with its error, whose `retryAfterMs` tells the caller when to come back. Retrying sooner
 *   than asked would only be refused again, while the caller's own request is held open.
 * - Never retries an abort or a validation, authentication, permission, not-found,
 *   invalid-request, context-length, quota or content-filter error (`isRetryableError`), unless
 *   the provider's answer said `x-should-retry: true`; a provider error whose answer said
 *   `x-should-retry: false` is never retried, whatever its status.
 * - Stops retrying as soon as the call's signal fired (the caller aborted or an outer timeout
 *   expired); the wait between tries ends at once when it fires.
 * - A stream is retried only while none of its events has reached the caller: an answer is never
 *   sent twice.
 * - `context.metadata` gets the attempt count (`ConduitMetadataKeys.retryAttempts`) and each
 *   retried error (`ConduitMetadataKeys.retryErrors`).
 *
 * Options (defaults): `maxAttempts` 3, `initialDelayMs` 500, `multiplier` 2, `maxDelayMs` 30 000,
 * `maxRetryAfterMs` 60 000, `attemptTimeoutMs` none, `isRetryable` `isRetryableError`, `random`
 * `Math.random`.
 *
 * @example
 * ConduitModule.forRoot({
 *   models,
 *   interceptors: [new RetryInterceptor({ maxAttempts: 4, attemptTimeoutMs: 30_000 })],
 * });
 */
@Injectable()
export class RetryInterceptor implements ConduitInterceptor {
  protected readonly options: Required<Omit<RetryInterceptorOptions, 'attemptTimeoutMs'>> &
    Pick<RetryInterceptorOptions, 'attemptTimeoutMs'>;

  constructor(
    @Optional() @Inject(RETRY_INTERCEPTOR_OPTIONS) options: RetryInterceptorOptions = {},
  ) {
    this.options = {
      maxAttempts: Math.max(1, options.maxAttempts ?? 3),
      initialDelayMs: options.initialDelayMs ?? 500,
      multiplier: options.multiplier ?? 2,
      maxDelayMs: options.maxDelayMs ?? 30_000,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 60_000,
      isRetryable: options.isRetryable ?? ((error) => isRetryableError(error)),
      random: options.random ?? Math.random,
      ...(options.attemptTimeoutMs === undefined
        ? {}
        : { attemptTimeoutMs: options.attemptTimeoutMs }),
    };
  }

  /**
   * A `RetryInterceptor` from the built-in retry's settings (`ConduitModule.forRoot({ retry })`),
   * counted in retries: `maxRetries` (default 2) becomes `maxAttempts = maxRetries + 1`.
   */
  static fromRetryOptions(options: RetryOptions): RetryInterceptor {
    const { maxRetries = 2, ...rest } = options;
    return new RetryInterceptor({ ...rest, maxAttempts: maxRetries + 1 });
  }

  intercept(context: ConduitCallContext, next: CallHandler): Observable<CallOutput> {
    return this.attempt(context, next, 1);
  }

  /**
   * Try number `attempt` (run on subscribe), and on a retryable failure the wait and the next
   * one. One Observable rather than defer + tap + catchError: fewer subscribers on every call.
   */
  protected attempt(
    context: ConduitCallContext,
    next: CallHandler,
    attempt: number,
  ): Observable<CallOutput> {
    return new Observable<CallOutput>((subscriber) => {
      context.metadata.set(ConduitMetadataKeys.retryAttempts, attempt);
      let delivered = false;
      let retry: Subscription | undefined;
      const subscription = this.runOnce(context, next).subscribe({
        next: (value) => {
          delivered = true;
          subscriber.next(value);
        },
        error: (error: unknown) => {
          const delayMs = delivered ? undefined : this.nextDelay(error, context, attempt);
          if (delayMs === undefined) {
            subscriber.error(error);
            return;
          }
          retry = abortableDelay(delayMs, context.signal)
            .pipe(mergeMap(() => this.attempt(context, next, attempt + 1)))
            .subscribe({
              next: (value) => subscriber.next(value),
              error: (failure: unknown) => subscriber.error(failure),
              complete: () => subscriber.complete(),
            });
        },
        complete: () => subscriber.complete(),
      });
      return () => {
        subscription.unsubscribe();
        retry?.unsubscribe();
      };
    });
  }

  /**
   * After try number `attempt` failed with `error`: the wait in ms before the next try (noted in
   * `context.metadata`), or `undefined` when the call must fail with `error` now. What the
   * built-in retry of `ConduitModule` uses on its no-interceptor path, without Observables.
   */
  nextDelay(error: unknown, context: ConduitCallContext, attempt: number): number | undefined {
    if (!this.shouldRetry(error, context, attempt)) return undefined;
    const delayMs = this.delayFor(error, attempt);
    this.record(context, {
      attempt,
      error: errorName(error),
      message: errorMessage(error),
      delayMs,
    });
    return delayMs;
  }

  /** Whether each try runs under its own time limit (`attemptTimeoutMs`). */
  get hasAttemptTimeout(): boolean {
    return this.options.attemptTimeoutMs !== undefined;
  }

  /** One try, under `attemptTimeoutMs` when set. */
  protected runOnce(context: ConduitCallContext, next: CallHandler): Observable<CallOutput> {
    const ms = this.options.attemptTimeoutMs;
    if (ms === undefined) return next.handle();
    return runWithDeadline(context, next, { ms, mode: 'total', error: () => new TimeoutError(ms) });
  }

  /**
   * Retry only while attempts remain, the call is still wanted, the error may go away, and the
   * provider did not ask for a longer wait than `maxRetryAfterMs`.
   */
  protected shouldRetry(error: unknown, context: ConduitCallContext, attempt: number): boolean {
    return (
      attempt < this.options.maxAttempts &&
      !context.signal.aborted &&
      this.options.isRetryable(error, context) &&
      !this.asksForTooLong(error)
    );
  }

  /**
   * Whether the provider asked to wait longer than `maxRetryAfterMs`: a retry before that time is
   * refused again, so the caller is better served by the error and its `retryAfterMs` at once.
   */
  protected asksForTooLong(error: unknown): boolean {
    const requested = requestedRetryDelay(error);
    return requested !== undefined && requested > this.options.maxRetryAfterMs;
  }

  /** The provider's requested wait, else full-jitter exponential backoff. */
  protected delayFor(error: unknown, attempt: number): number {
    const requested = requestedRetryDelay(error);
    // Capped still, for subclasses whose shouldRetry() lets a longer request through.
    if (requested !== undefined) return Math.min(requested, this.options.maxRetryAfterMs);
    const { initialDelayMs, multiplier, maxDelayMs, random } = this.options;
    const ceiling = Math.min(maxDelayMs, initialDelayMs * multiplier ** (attempt - 1));
    return Math.floor(random() * ceiling);
  }

  private record(context: ConduitCallContext, entry: RetryRecord): void {
    const previous = context.metadata.get(ConduitMetadataKeys.retryErrors);
    const list = Array.isArray(previous) ? (previous as RetryRecord[]) : [];
    context.metadata.set(ConduitMetadataKeys.retryErrors, [...list, entry]);
  }
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
