import { ConduitValidationError } from '../core/errors/conduit-validation.error';
import { describeErrorForClient } from '../core/errors/describe-error-for-client';
import type { ConduitHttpError } from './conduit-http-error.types';

const REASONS: Readonly<Record<number, string>> = {
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/**
 * How a conduit error reads to the clients of an HTTP API: the status, code and fixed message of
 * `describeErrorForClient` (the provider's message and body never go out), `Retry-After` in whole
 * seconds when known, and the issues of a validation error, which describe the client's own input.
 */
export function mapConduitErrorToHttp(error: unknown): ConduitHttpError {
  const { status, code, message, retryAfterMs } = describeErrorForClient(error);
  // Retry-After is whole seconds (RFC 9110); round up so clients never come back too early.
  const headers =
    retryAfterMs === undefined
      ? {}
      : { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) };
  const body = { statusCode: status, error: REASONS[status] ?? 'Error', message, code };
  return {
    status,
    headers,
    body: error instanceof ConduitValidationError ? { ...body, issues: error.issues } : body,
  };
}
