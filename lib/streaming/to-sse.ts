import { Logger, type MessageEvent } from '@nestjs/common';
import { catchError, map, of, type OperatorFunction } from 'rxjs';
import { ConduitValidationError } from '../core/errors/conduit-validation.error';
import { redactSecrets } from '../core/redact-secrets';
import { ConduitError } from '../core/errors/conduit.error';
import { describeErrorForClient } from '../core/errors/describe-error-for-client';
import type { ErrorEvent, StreamEvent } from '../core/stream-event.types';

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

const logger = new Logger('Conduit');

function describeError(error: unknown): ErrorEvent['error'] {
  const { code, message } = describeErrorForClient(error);
  if (error instanceof ConduitValidationError) {
    return { name: error.name, message, code, isRetryable: false, issues: error.issues };
  }
  return error instanceof ConduitError
    ? { name: error.name, message, code, isRetryable: error.isRetryable }
    : { name: 'Error', message, code, isRetryable: false };
}

/**
 * Invalid input never reaches the interceptors (no LoggingInterceptor line), so without this a
 * rejected stream would leave the server's log silent while the client sees a 422-like frame.
 */
function logRejectedInput(error: unknown): void {
  if (!(error instanceof ConduitValidationError)) return;
  const issues = error.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  // Masked like every log line of the library: an issue may quote what the caller sent.
  logger.warn(redactSecrets(`stream rejected, invalid input: ${issues}`));
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
  const describe = options.describeError ?? describeError;
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
