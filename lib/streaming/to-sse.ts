import type { MessageEvent } from '@nestjs/common';
import { catchError, map, of, type OperatorFunction } from 'rxjs';
import type { ErrorEvent } from '../core/stream-event.types';
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
 * An event with its id in a log (what `AgentRunEvents.events()` emits): `toSse()` sends the id as
 * the frame's `id:`, which the browser sends back as `Last-Event-ID` when it reconnects.
 */
export interface IdentifiedSseEvent {
  readonly id: string;
  readonly event: { readonly type: string };
}

/** What `toSse()` frames: a stream or agent event, or an event with its log id. */
export type SseSourceEvent = { readonly type: string } | IdentifiedSseEvent;

/**
 * Frames a chat stream for a Nest `@Sse()` route: each event becomes `{ type: event.type, data:
 * event }` (so the wire shows `event: text-delta` and `data: {...}`). When the source fails, a last
 * `error` frame carries `{ type: 'error', error: { name, message, code, isRetryable } }` (a fixed
 * message per kind, never the provider's text or a stack) and the stream completes, so the browser
 * learns why instead of seeing a cut connection.
 *
 * An `{ id, event }` value (a run's event log) becomes `{ id, type: event.type, data: event }`, so
 * the wire carries `id:` and an `@Sse()` route can resume from the `Last-Event-ID` header (see
 * docs/durable-runs.md).
 *
 * @example
 * @Sse('stream')
 * stream(@Query('message') message: string): Observable<MessageEvent> {
 *   return this.chatService.stream(message).pipe(toSse());
 * }
 */
export function toSse(options: ToSseOptions = {}): OperatorFunction<SseSourceEvent, MessageEvent> {
  const describe = options.describeError ?? describeStreamError;
  return (source) =>
    source.pipe(
      map((value): MessageEvent => {
        if (isIdentified(value)) return { id: value.id, type: value.event.type, data: value.event };
        return { type: value.type, data: value };
      }),
      catchError((error: unknown) => {
        logRejectedInput(error);
        const event: ErrorEvent = { type: 'error', error: describe(error) };
        return of<MessageEvent>({ type: event.type, data: event });
      }),
    );
}

/** `{ id, event }` from a log, told apart from a stream event that has an `id` field of its own (`start`). */
function isIdentified(value: SseSourceEvent): value is IdentifiedSseEvent {
  if (!('event' in value) || !('id' in value) || typeof value.id !== 'string') return false;
  const event: unknown = value.event;
  return (
    typeof event === 'object' &&
    event !== null &&
    typeof (event as { type?: unknown }).type === 'string'
  );
}
