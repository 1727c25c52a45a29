import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Observable } from 'rxjs';
import { ConduitRequestContext } from './conduit-request-context';

/**
 * Nest interceptor alternative to `ConduitRequestContextMiddleware`, for any transport (HTTP,
 * microservices, WebSockets): the handler runs with the current request (`switchToHttp()
 * .getRequest()`, or the RPC/WS data) readable through `ConduitRequestContext`. Guards run before
 * interceptors, so prefer the middleware when guards need the context.
 *
 * @example
 * ```ts
 * providers: [{ provide: APP_INTERCEPTOR, useClass: ConduitRequestContextInterceptor }]
 * ```
 */
@Injectable()
export class ConduitRequestContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = requestOf(context);
    return new Observable((subscriber) =>
      ConduitRequestContext.run(request, () => next.handle().subscribe(subscriber)),
    );
  }
}

/** The request-like object of each transport: HTTP request, WS client, GraphQL context, RPC context. */
function requestOf(context: ExecutionContext): unknown {
  switch (context.getType<string>()) {
    case 'http':
      return context.switchToHttp().getRequest();
    case 'ws':
      return context.switchToWs().getClient();
    case 'graphql':
      // GraphQL resolvers receive (root, args, context, info); the context carries `req`.
      return context.getArgByIndex<{ req?: unknown } | undefined>(2)?.req;
    default:
      return context.switchToRpc().getContext();
  }
}
