import { AbortedError } from '../core/errors/aborted.error';
import { ConnectionError } from '../core/errors/connection.error';
import { ProviderError } from '../core/errors/provider.error';
import { ConduitValidationError } from '../core/errors/conduit-validation.error';
import { ContentFilterError } from '../core/errors/content-filter.error';
import { ContextLengthExceededError } from '../core/errors/context-length-exceeded.error';
import { QuotaExceededError } from '../core/errors/quota-exceeded.error';
import { RateLimitError } from '../core/errors/rate-limit.error';
import { ServerError } from '../core/errors/server.error';
import { TimeoutError } from '../core/errors/timeout.error';
import { BudgetExceededError } from '../interceptors/errors/budget-exceeded.error';
import { RateLimitExceededError } from '../interceptors/errors/rate-limit-exceeded.error';
import type { ConduitHttpError } from './conduit-http-error.types';

const REASONS: Readonly<Record<number, string>> = {
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

function answer(
  status: number,
  code: string,
  message: string,
  retryAfterMs?: number,
): ConduitHttpError {
  // Retry-After is whole seconds (RFC 9110); round up so clients never come back too early.
  const headers =
    retryAfterMs === undefined
      ? {}
      : { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) };
  return {
    status,
    headers,
    body: { statusCode: status, error: REASONS[status] ?? 'Error', message, code },
  };
}

/**
 * How a conduit error reads to the clients of an HTTP API. The provider's message and body never
 * go out (they may name accounts, internal prompts or keys); only a fixed message per kind does,
 * plus the issues of a validation error, which describe the client's own input.
 *
 * - `ConduitValidationError` 422 (with `issues`); context too long and content filtered 422
 * - `RateLimitError`, `RateLimitExceededError`, `BudgetExceededError` 429 with `Retry-After` when known
 * - `TimeoutError` 504
 * - `ServerError` 503 when it says when to come back, else 502; `QuotaExceededError`, `AbortedError` 503
 * - every other provider failure (auth, not found, bad request, malformed answer, connection) 502
 * - anything else 500
 */
export function mapConduitErrorToHttp(error: unknown): ConduitHttpError {
  if (error instanceof ConduitValidationError) {
    const base = answer(422, 'invalid_input', 'The request is invalid.');
    return { ...base, body: { ...base.body, issues: error.issues } };
  }
  if (error instanceof ContextLengthExceededError) {
    return answer(422, 'context_length_exceeded', 'The conversation is too long for the model.');
  }
  if (error instanceof ContentFilterError) {
    return answer(
      422,
      'content_filtered',
      "The content was blocked by the model provider's policy.",
    );
  }
  if (error instanceof RateLimitError || error instanceof RateLimitExceededError) {
    return answer(429, 'rate_limited', 'Too many requests; try again later.', error.retryAfterMs);
  }
  if (error instanceof BudgetExceededError) {
    return answer(429, 'budget_exceeded', 'The usage budget is spent.');
  }
  if (error instanceof TimeoutError) {
    return answer(504, 'upstream_timeout', 'The model did not answer in time.');
  }
  if (error instanceof ServerError && error.retryAfterMs !== undefined) {
    return answer(
      503,
      'upstream_unavailable',
      'The model provider is unavailable; try again later.',
      error.retryAfterMs,
    );
  }
  if (error instanceof QuotaExceededError) {
    return answer(503, 'upstream_unavailable', 'The model provider is unavailable.');
  }
  if (error instanceof AbortedError) {
    return answer(503, 'aborted', 'The call was aborted.');
  }
  // Provider errors (auth, not found, bad request, malformed or oversized answers) and transport
  // failures: the upstream is at fault, not the client.
  if (error instanceof ProviderError || error instanceof ConnectionError) {
    return answer(502, 'upstream_error', 'The model provider failed to answer.');
  }
  return answer(500, 'internal_error', 'Internal server error.');
}
