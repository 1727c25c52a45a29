import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Observable } from 'rxjs';
import { ChatCallScope } from '../chat/chat-call-scope';
import { GUARDRAILS_METADATA } from '../conduit.constants';
import type { ConduitInterceptor } from '../core';

/**
 * The Nest interceptor `@UseGuardrails()` puts on a route: handles the request inside a
 * `ChatCallScope` holding the route's guardrails (the method's, else the controller's), so the
 * chat calls the handler makes use them. Internal: the decorator applies it.
 */
@Injectable()
export class UseGuardrailsInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const guardrails = this.reflector.getAllAndOverride<readonly ConduitInterceptor[] | undefined>(
      GUARDRAILS_METADATA,
      [context.getHandler(), context.getClass()],
    );
    if (guardrails === undefined || guardrails.length === 0) return next.handle();
    // The handler runs when the chain is subscribed: subscribing inside the scope puts the
    // handler, and the streams it returns, in it.
    return new Observable((subscriber) =>
      ChatCallScope.run(guardrails, () => next.handle().subscribe(subscriber)),
    );
  }
}
