import { Injectable, type NestMiddleware } from '@nestjs/common';
import { ConduitRequestContext } from './conduit-request-context';

/**
 * HTTP middleware that makes the request readable through `ConduitRequestContext` for the rest
 * of its handling, tool calls included. It runs before guards, so it sees the whole request.
 *
 * @example
 * ```ts
 * export class AppModule implements NestModule {
 *   configure(consumer: MiddlewareConsumer) {
 *     consumer.apply(ConduitRequestContextMiddleware).forRoutes('*');
 *   }
 * }
 * ```
 */
@Injectable()
export class ConduitRequestContextMiddleware implements NestMiddleware {
  /** Runs the rest of the request with `request` readable through `ConduitRequestContext`. */
  use(request: unknown, _response: unknown, next: (error?: unknown) => void): void {
    ConduitRequestContext.run(request, () => next());
  }
}
