import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Observable } from 'rxjs';

/** The metadata key `@Sse()` sets on its handler (`SSE_METADATA` of `@nestjs/common/constants`). */
const SSE_METADATA = '__sse__';

/** The part of a Node socket the interceptor uses. */
interface CorkableSocket {
  cork(): void;
  uncork(): void;
}

/** The part of Node's `ServerResponse` the interceptor uses. */
interface WritableResponse {
  write: (...args: unknown[]) => boolean;
  readonly socket?: unknown;
}

/**
 * Writes the SSE frames an `@Sse()` route sends in one event-loop turn to the socket in one go,
 * on Express and Fastify. Nest writes every frame on its own, and it turns Nagle's algorithm off
 * for streaming routes, so without it each frame is a system call and a TCP segment of its own
 * (and a read for the client). With it, a frame written alone in its turn leaves at once, as
 * before, and from the second frame of a turn the socket is corked until the next `setImmediate`:
 * frames written together (a replayed event log, a fast local model, a provider's chunk holding
 * many deltas) leave together. The bytes on the wire, event ids, backpressure and cancellation
 * are unchanged. It does nothing on other routes, so it can be
 * registered for the whole app.
 *
 * Like the `compression` middleware, it wraps the `write` of the one response it serves.
 *
 * @example
 * ```ts
 * @Sse('stream')
 * @UseInterceptors(SseBatchingInterceptor)
 * stream(@Query('message') message: string): Observable<MessageEvent> {
 *   return this.chatService.stream(message).pipe(toSse());
 * }
 * // or for every @Sse() route: providers: [{ provide: APP_INTERCEPTOR, useClass: SseBatchingInterceptor }]
 * ```
 */
@Injectable()
export class SseBatchingInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (
      context.getType() === 'http' &&
      Reflect.getMetadata(SSE_METADATA, context.getHandler()) === true
    ) {
      const response = rawResponseOf(context.switchToHttp().getResponse<unknown>());
      if (response !== undefined) batchWrites(response);
    }
    return next.handle();
  }
}

/**
 * Makes the writes of one turn on `response` leave in one socket write. The first write of a turn
 * goes out at once, so a frame that arrives alone (a model's delta every few milliseconds) is not
 * delayed; a second write in the same turn corks the socket until the next `setImmediate`.
 */
function batchWrites(response: WritableResponse): void {
  const write = response.write;
  let inTurn = false;
  let corked: CorkableSocket | undefined;
  // The socket itself is corked and uncorked, not the response: a finished response drops its
  // socket, and uncork() on a response without one would leave a keep-alive socket corked for good.
  const endTurn = (): void => {
    inTurn = false;
    const socket = corked;
    corked = undefined;
    socket?.uncork();
  };
  response.write = function batchedWrite(this: unknown, ...args: unknown[]): boolean {
    if (!inTurn) {
      inTurn = true;
      // Nest writes a turn's frames from the promise and nextTick callbacks its writes queue; all
      // of them run before the next setImmediate.
      setImmediate(endTurn);
    } else if (corked === undefined && isCorkable(response.socket)) {
      corked = response.socket;
      corked.cork();
    }
    return write.apply(this, args);
  };
}

/** The Node response under an Express response or a Fastify reply (`reply.raw`). */
function rawResponseOf(response: unknown): WritableResponse | undefined {
  if (typeof response !== 'object' || response === null) return undefined;
  const raw = (response as { raw?: unknown }).raw;
  const target: unknown = typeof raw === 'object' && raw !== null ? raw : response;
  return typeof (target as { write?: unknown }).write === 'function'
    ? (target as WritableResponse)
    : undefined;
}

function isCorkable(value: unknown): value is CorkableSocket {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { cork?: unknown }).cork === 'function' &&
    typeof (value as { uncork?: unknown }).uncork === 'function'
  );
}
