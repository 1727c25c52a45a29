import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Observable } from 'rxjs';
import {
  TimeoutError,
  type CallHandler,
  type CallKind,
  type CallOutput,
  type ConduitCallContext,
  type ConduitInterceptor,
} from '../../core';
import { TIMEOUT_INTERCEPTOR_OPTIONS } from './built-in-options.tokens';
import { runWithDeadline } from './deadline';
import type { TimeoutInterceptorOptions } from './timeout-options.types';

/**
 * Fails a call that takes longer than `timeoutMs` with a `TimeoutError`, and really cancels it:
 * the signal the model receives is aborted, so its HTTP request is closed.
 *
 * Where it sits decides what it limits: registered outside `RetryInterceptor` (for example
 * globally, with the retry per model) it bounds the whole call including retries and their
 * waits; inside it (or with `RetryInterceptor`'s own `attemptTimeoutMs`) it bounds each attempt,
 * and a timed-out attempt is retried.
 *
 * Options (defaults): `timeoutMs` 60 000, `kinds` `['chat', 'stream', 'embed']`. For streams the
 * limit covers the whole stream; use `StreamIdleTimeoutInterceptor` to limit silences instead.
 *
 * @example
 * ConduitModule.forRoot({ models, interceptors: [new TimeoutInterceptor({ timeoutMs: 20_000 })] });
 */
@Injectable()
export class TimeoutInterceptor implements ConduitInterceptor {
  protected readonly timeoutMs: number;
  protected readonly kinds: readonly CallKind[];

  constructor(
    @Optional() @Inject(TIMEOUT_INTERCEPTOR_OPTIONS) options: TimeoutInterceptorOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.kinds = options.kinds ?? ['chat', 'stream', 'embed'];
  }

  intercept(context: ConduitCallContext, next: CallHandler): Observable<CallOutput> {
    if (!this.kinds.includes(context.kind)) return next.handle();
    const ms = this.timeoutMs;
    return runWithDeadline(context, next, { ms, mode: 'total', error: () => new TimeoutError(ms) });
  }
}
