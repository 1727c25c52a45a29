import { Injectable } from '@nestjs/common';
import { defer, type Observable } from 'rxjs';
import type { CallHandler, CallOutput, ConduitCallContext, ConduitInterceptor } from '../../core';
import { systemFirst } from './message-groups';

/**
 * Moves every system message to the front of the conversation (keeping their order, and the order
 * of the others), for providers and models that only honour instructions at the start. No options.
 *
 * @example
 * interceptors: [KeepSystemFirstInterceptor]
 */
@Injectable()
export class KeepSystemFirstInterceptor implements ConduitInterceptor {
  intercept(context: ConduitCallContext, next: CallHandler): Observable<CallOutput> {
    if (context.kind !== 'chat' && context.kind !== 'stream') return next.handle();
    return defer(() => {
      context.request = { ...context.request, messages: systemFirst(context.request.messages) };
      return next.handle();
    });
  }
}
