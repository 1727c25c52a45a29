import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Observable } from 'rxjs';
import {
  TimeoutError,
  type CallHandler,
  type CallOutput,
  type ConduitCallContext,
  type ConduitInterceptor,
} from '../../core';
import { STREAM_IDLE_TIMEOUT_INTERCEPTOR_OPTIONS } from './built-in-options.tokens';
import { runWithDeadline } from './deadline';
import type { StreamIdleTimeoutInterceptorOptions } from './timeout-options.types';

/**
 * Ends a stream that sends nothing for `idleTimeoutMs` (before its first event or between two)
 * with a `TimeoutError`, and aborts its HTTP request. A long answer that keeps flowing is never
 * cut. Other kinds of call pass through untouched.
 *
 * Options (defaults): `idleTimeoutMs` 30 000.
 *
 * @example
 * interceptors: [new StreamIdleTimeoutInterceptor({ idleTimeoutMs: 10_000 })]
 */
@Injectable()
export class StreamIdleTimeoutInterceptor implements ConduitInterceptor {
  protected readonly idleTimeoutMs: number;

  constructor(
    @Optional()
    @Inject(STREAM_IDLE_TIMEOUT_INTERCEPTOR_OPTIONS)
    options: StreamIdleTimeoutInterceptorOptions = {},
  ) {
    this.idleTimeoutMs = options.idleTimeoutMs ?? 30_000;
  }

  intercept(context: ConduitCallContext, next: CallHandler): Observable<CallOutput> {
    if (context.kind !== 'stream') return next.handle();
    const ms = this.idleTimeoutMs;
    return runWithDeadline(context, next, {
      ms,
      mode: 'idle',
      error: () => new TimeoutError(ms, `The stream sent nothing for ${ms} ms and was cancelled.`),
    });
  }
}
