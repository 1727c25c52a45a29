import { Observable, type OperatorFunction } from 'rxjs';
import type { ErrorEvent } from '../core/stream-event.types';
import { describeStreamError } from './describe-stream-error';
import { logRejectedInput } from './log-rejected-input';
import type { WsClient } from './ws-client.types';

/** Options of `toWsEvents()`. */
export interface ToWsEventsOptions {
  /** Send every event under this one event name. Default: each event's own `type`. */
  readonly event?: string;
  /** The event name of the last message of a failed stream. Default `error`. */
  readonly errorEvent?: string;
  /** Describes a failure for the client. Default: the client-safe description `toSse()` sends. */
  readonly describeError?: (error: unknown) => ErrorEvent['error'];
}

/** One message for a Nest gateway to send: the shape of `WsResponse` of `@nestjs/websockets`. */
export interface WsStreamResponse<T> {
  readonly event: string;
  readonly data: T;
}

/** `WebSocket.CLOSING`: from this state on a `ws` socket never carries a message again. */
const WS_CLOSING = 2;

/** Calls `onGone` once when the client goes away; returns whether it already has, and a detach. */
function watchDisconnect(client: WsClient, onGone: () => void): { gone: boolean; stop(): void } {
  if ('connected' in client) {
    if (!client.connected) return { gone: true, stop: () => undefined };
    client.addListener('disconnect', onGone);
    return { gone: false, stop: () => client.removeListener('disconnect', onGone) };
  }
  if (client.readyState >= WS_CLOSING) return { gone: true, stop: () => undefined };
  client.addListener('close', onGone);
  return { gone: false, stop: () => client.removeListener('close', onGone) };
}

/**
 * Frames a chat or agent stream for a Nest WebSocket gateway: each event becomes a `WsResponse`
 * (`{ event: event.type, data: event }`, or under `options.event`) that the adapter sends to the
 * client. When that client disconnects, the stream completes and unsubscribes its source, which
 * aborts the model's HTTP request: no tokens are paid for a client that left, whatever the adapter
 * does with the handler's Observable (socket.io `disconnect`, `ws` `close`). A client already gone
 * starts no call. When the source fails, a last `error` message carries `{ type: 'error', error:
 * { name, message, code, isRetryable } }` (the client-safe shape of `toSse()`, never the
 * provider's text) and the stream completes.
 *
 * @example
 * ```ts
 * @SubscribeMessage('chat')
 * chat(@ConnectedSocket() client: Socket, @MessageBody() message: string) {
 *   return this.chatService.stream(message).pipe(toWsEvents(client));
 * }
 * ```
 */
export function toWsEvents<T extends { readonly type: string }>(
  client: WsClient,
  options: ToWsEventsOptions = {},
): OperatorFunction<T, WsStreamResponse<T | ErrorEvent>> {
  const describe = options.describeError ?? describeStreamError;
  const errorEvent = options.errorEvent ?? 'error';
  return (source) =>
    new Observable<WsStreamResponse<T | ErrorEvent>>((subscriber) => {
      // Completing the subscriber runs the teardown below, which unsubscribes the source.
      const watch = watchDisconnect(client, () => subscriber.complete());
      if (watch.gone) {
        subscriber.complete();
        return undefined;
      }
      const subscription = source.subscribe({
        next: (event) => subscriber.next({ event: options.event ?? event.type, data: event }),
        error: (error: unknown) => {
          logRejectedInput(error);
          const data: ErrorEvent = { type: 'error', error: describe(error) };
          subscriber.next({ event: errorEvent, data });
          subscriber.complete();
        },
        complete: () => subscriber.complete(),
      });
      return () => {
        watch.stop();
        subscription.unsubscribe();
      };
    });
}
