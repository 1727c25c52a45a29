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
    const request: unknown =
      context.getType() === 'http'
        ? context.switchToHttp().getRequest()
        : context.getType() === 'ws'
          ? context.switchToWs().getClient()
          : context.switchToRpc().getContext();
    return new Observable((subscriber) =>
      ConduitRequestContext.run(request, () => next.handle().subscribe(subscriber)),
    );
  }
}
