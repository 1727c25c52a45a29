import {
  ContextLengthExceededError,
  InvalidRequestError,
  QuotaExceededError,
  type ConduitError,
  type ProviderErrorDetails,
} from '../../core';
import { errorBodyExcerpt } from '../shared/error-body-excerpt';
import { errorClassForStatus } from '../shared/error-class-for-status';
import type { HttpErrorResponse } from '../shared/http-client.types';
import { mapHttpStatusError } from '../shared/map-http-status-error';
import { redactSecrets, redactValue } from '../shared/redact-secrets';
import { parseRetryAfterMs } from '../shared/retry-after';
import { applyShouldRetry, parseShouldRetry } from '../shared/should-retry';
import { isRecord, optionalString } from '../shared/wire-data';

/** Which values must not leak into an error, and the clock reset timestamps are read against. */
export interface AnthropicErrorContext {
  /** API keys to redact from messages and bodies. */
  readonly secrets: readonly (string | undefined)[];
  /** Current time in ms (tests pin it); defaults to `Date.now()`. */
  readonly now?: () => number;
}

/** The provider name carried by every Anthropic error. */
export const ANTHROPIC_PROVIDER = 'anthropic';

/**
 * Anthropic's rate-limit reset headers (RFC 3339 timestamps), read when no `retry-after` was sent.
 * The longest wait among them wins (see `parseRetryAfterMs`).
 */
export const ANTHROPIC_RESET_HEADERS = [
  'anthropic-ratelimit-requests-reset',
  'anthropic-ratelimit-tokens-reset',
  'anthropic-ratelimit-input-tokens-reset',
  'anthropic-ratelimit-output-tokens-reset',
];

/**
 * The HTTP status each error type is sent with (Anthropic's errors page): an error event inside a
 * 200 stream gets the class its HTTP answer would get. A Map, not an object: a `type` such as
 * `constructor` must find nothing.
 */
const STATUS_OF_ERROR_TYPE = new Map<string, number>([
  ['invalid_request_error', 400],
  ['authentication_error', 401],
  ['permission_error', 403],
  ['not_found_error', 404],
  ['rate_limit_error', 429],
  ['api_error', 500],
  ['timeout_error', 504],
  ['overloaded_error', 529],
]);

/** Messages of `invalid_request_error`s that mean the prompt does not fit the context window. */
const CONTEXT_LENGTH =
  /prompt is too long|context window|context length|exceeds? .*maximum.*tokens/i;

interface AnthropicErrorFields {
  readonly type: string | undefined;
  readonly message: string;
  readonly requestId: string | undefined;
}

/**
 * Reads `{ type: 'error', error: { type, message }, request_id }`, or a bare text body (proxies),
 * every field redacted.
 */
function readErrorFields(
  body: unknown,
  secrets: readonly (string | undefined)[],
): AnthropicErrorFields {
  const error = isRecord(body) && isRecord(body['error']) ? body['error'] : undefined;
  const clean = (text: string | undefined): string | undefined =>
    text === undefined ? undefined : redactSecrets(text, secrets);
  const requestId = isRecord(body) ? clean(optionalString(body['request_id'])) : undefined;
  if (error === undefined) {
    return { type: undefined, message: errorBodyExcerpt(body, secrets), requestId };
  }
  return {
    type: clean(optionalString(error['type'])),
    message: clean(optionalString(error['message'])) ?? '(no message)',
    requestId,
  };
}

/** Error types whose meaning does not depend on the HTTP status. */
function mapSpecialType(
  fields: AnthropicErrorFields,
  message: string,
  details: ProviderErrorDetails,
): ConduitError | undefined {
  if (fields.type === 'billing_error') return new QuotaExceededError(message, details);
  if (fields.type === 'request_too_large') return new InvalidRequestError(message, details);
  if (fields.type === 'invalid_request_error' && CONTEXT_LENGTH.test(fields.message)) {
    return new ContextLengthExceededError(message, details);
  }
  return undefined;
}

/**
 * Maps a non-2xx Messages API answer to a typed error: 400 InvalidRequestError (a too-long prompt
 * ContextLengthExceededError), 401 AuthenticationError, 402 `billing_error` QuotaExceededError, 403
 * PermissionDeniedError, 404 NotFoundError, 413 `request_too_large` InvalidRequestError, 429
 * RateLimitError, 500 / 529 `overloaded_error` ServerError (retryable). The message reads
 * `Anthropic error 529 (overloaded_error): Overloaded` and never contains the API key. `requestId`
 * comes from the `request-id` header or the body's `request_id`; `retryAfterMs` from `retry-after`
 * or the `anthropic-ratelimit-*-reset` headers. An `x-should-retry: true|false` header decides
 * `isRetryable` over the class and status (as in the official SDK).
 */
export function mapAnthropicError(
  response: HttpErrorResponse,
  context: AnthropicErrorContext,
): ConduitError {
  const fields = readErrorFields(response.body, context.secrets);
  const { status, headers } = response;
  const typePart = fields.type === undefined ? '' : ` (${fields.type})`;
  const message = redactSecrets(
    `Anthropic error ${status}${typePart}: ${fields.message}`,
    context.secrets,
  );
  const requestId = headers['request-id'] ?? fields.requestId;
  const details = {
    provider: ANTHROPIC_PROVIDER,
    status,
    // Redacted here too: mapHttpStatusError builds its errors without `secrets`.
    body: redactValue(response.body, context.secrets),
    secrets: context.secrets,
    ...(fields.type !== undefined && { code: fields.type }),
    ...(requestId !== undefined && { requestId }),
  };
  return applyShouldRetry(
    mapSpecialType(fields, message, details) ??
      mapHttpStatusError({
        ...details,
        message,
        retryAfterMs: parseRetryAfterMs(
          headers,
          ANTHROPIC_RESET_HEADERS,
          (context.now ?? Date.now)(),
        ),
      }),
    parseShouldRetry(headers),
  );
}

/**
 * Maps an `error` event received inside an HTTP 200 stream
 * (`{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}`). There is no HTTP
 * status, so the class comes from the error type: `overloaded_error`, `api_error` and
 * `timeout_error` are retryable ServerErrors, `rate_limit_error` a RateLimitError.
 */
export function mapAnthropicStreamError(
  payload: unknown,
  context: AnthropicErrorContext,
  responseRequestId?: string,
): ConduitError {
  const fields = readErrorFields(payload, context.secrets);
  const typePart = fields.type === undefined ? '' : ` (${fields.type})`;
  const message = redactSecrets(
    `Anthropic stream error${typePart}: ${fields.message}`,
    context.secrets,
  );
  const requestId = fields.requestId ?? responseRequestId;
  const details = {
    provider: ANTHROPIC_PROVIDER,
    body: payload,
    secrets: context.secrets,
    ...(fields.type !== undefined && { code: fields.type }),
    ...(requestId !== undefined && { requestId }),
  };
  const ErrorClass = errorClassForStatus(
    fields.type === undefined ? undefined : STATUS_OF_ERROR_TYPE.get(fields.type),
  );
  return mapSpecialType(fields, message, details) ?? new ErrorClass(message, details);
}
