import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Observable } from 'rxjs';
import { ConduitRequestContext } from './conduit-request-context';
import { TOOL_CONTEXT_TYPE } from './tool.constants';

/**
 * Nest interceptor alternative to `ConduitRequestContextMiddleware`, for any transport (HTTP,
 * microservices, WebSockets): the handler runs with the current request (`switchToHttp()
 * .getRequest()`, or the RPC/WS data) readable through `ConduitRequestContext`. Guards run before
 * interceptors, so prefer the middleware when guards need the context. Tool calls (context type
 * `conduit-tool`) pass through untouched: they keep the context of the request that started them.
 *
 * @example
 * ```ts
 * providers: [{ provide: APP_INTERCEPTOR, useClass: ConduitRequestContextInterceptor }]
 * ```
 */
@Injectable()
export class ConduitRequestContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    // As an APP_INTERCEPTOR it also wraps tool calls, which run inside the request that asked for
    // them: re-binding the store to the ToolContext would hide that request (user() undefined).
    if (context.getType<string>() === TOOL_CONTEXT_TYPE) return next.handle();
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
