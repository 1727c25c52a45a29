import type { MessageEvent } from '@nestjs/common';
import { catchError, map, of, type OperatorFunction } from 'rxjs';
import { ConduitError } from '../core/errors/conduit.error';
import type { ErrorEvent, StreamEvent } from '../core/stream-event.types';

/** Options of `toSse()`. */
export interface ToSseOptions {
  /**
   * Describes a failure for the client. By default a `ConduitError` keeps its name, message (they
   * never hold secrets) and `isRetryable`; any other error becomes a generic message, since its text
   * may hold internals.
   */
  readonly describeError?: (error: unknown) => ErrorEvent['error'];
}

function describeError(error: unknown): ErrorEvent['error'] {
  if (error instanceof ConduitError) {
    return { name: error.name, message: error.message, isRetryable: error.isRetryable };
  }
  return { name: 'Error', message: 'The stream failed.', isRetryable: false };
}

/**
 * Frames a chat stream for a Nest `@Sse()` route: each event becomes `{ type: event.type, data:
 * event }` (so the wire shows `event: text-delta` and `data: {...}`). When the source fails, a last
 * `error` frame carries `{ type: 'error', error: { name, message, isRetryable } }` (never a stack)
 * and the stream completes, so the browser learns why instead of seeing a cut connection.
 *
 * @example
 * @Sse('stream')
 * stream(@Query('message') message: string): Observable<MessageEvent> {
 *   return this.chatService.stream(message).pipe(toSse());
 * }
 */
export function toSse(options: ToSseOptions = {}): OperatorFunction<StreamEvent, MessageEvent> {
  const describe = options.describeError ?? describeError;
  return (source) =>
    source.pipe(
      map((event): MessageEvent => ({ type: event.type, data: event })),
      catchError((error: unknown) => {
        const event: ErrorEvent = { type: 'error', error: describe(error) };
        return of<MessageEvent>({ type: event.type, data: event });
      }),
    );
}
