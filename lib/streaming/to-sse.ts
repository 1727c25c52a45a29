import type { MessageEvent } from '@nestjs/common';
import { catchError, map, of, type OperatorFunction } from 'rxjs';
import type { ErrorEvent, StreamEvent } from '../core/stream-event.types';
import { describeStreamError } from './describe-stream-error';
import { logRejectedInput } from './log-rejected-input';

/** Options of `toSse()`. */
export interface ToSseOptions {
  /**
   * Describes a failure for the client. By default: the error's name (`Error` for anything not a
   * `ConduitError`), the fixed message and `code` of `describeErrorForClient` (the same as
   * `ConduitExceptionFilter` answers with), `isRetryable`, and for invalid input its `issues` (the
   * caller's own input, logged at warn on the server too). The provider's own message never
   * goes out: it can hold an upstream address or a masked fragment of a key. Pass your own to
   * show more, for example during development.
   */
  readonly describeError?: (error: unknown) => ErrorEvent['error'];
}

/**
 * Frames a chat stream for a Nest `@Sse()` route: each event becomes `{ type: event.type, data:
 * event }` (so the wire shows `event: text-delta` and `data: {...}`). When the source fails, a last
 * `error` frame carries `{ type: 'error', error: { name, message, code, isRetryable } }` (a fixed
 * message per kind, never the provider's text or a stack) and the stream completes, so the browser
 * learns why instead of seeing a cut connection.
 *
 * @example
 * @Sse('stream')
 * stream(@Query('message') message: string): Observable<MessageEvent> {
 *   return this.chatService.stream(message).pipe(toSse());
 * }
 */
export function toSse(options: ToSseOptions = {}): OperatorFunction<StreamEvent, MessageEvent> {
  const describe = options.describeError ?? describeStreamError;
  return (source) =>
    source.pipe(
      map((event): MessageEvent => ({ type: event.type, data: event })),
      catchError((error: unknown) => {
        logRejectedInput(error);
        const event: ErrorEvent = { type: 'error', error: describe(error) };
        return of<MessageEvent>({ type: event.type, data: event });
      }),
    );
}
