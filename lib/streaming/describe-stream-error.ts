import { ConduitValidationError } from '../core/errors/conduit-validation.error';
import { ConduitError } from '../core/errors/conduit.error';
import { describeErrorForClient } from '../core/errors/describe-error-for-client';
import type { ErrorEvent } from '../core/stream-event.types';

/**
 * The client-safe `error` of a last stream frame, shared by every transport (`toSse()`,
 * `toWsEvents()`): the error's name (`Error` for anything not a `ConduitError`), the fixed message
 * and `code` of `describeErrorForClient`, `isRetryable`, and for invalid input its `issues` (the
 * caller's own input). The provider's own message never goes out.
 */
export function describeStreamError(error: unknown): ErrorEvent['error'] {
  const { code, message } = describeErrorForClient(error);
  if (error instanceof ConduitValidationError) {
    return { name: error.name, message, code, isRetryable: false, issues: error.issues };
  }
  return error instanceof ConduitError
    ? { name: error.name, message, code, isRetryable: error.isRetryable }
    : { name: 'Error', message, code, isRetryable: false };
}
