import {
  ContentFilterError,
  ContextLengthExceededError,
  ProviderError,
  QuotaExceededError,
  RateLimitError,
  ServerError,
  type ConduitError,
} from '../../../core';
import { errorBodyExcerpt } from '../error-body-excerpt';
import type { HttpErrorResponse } from '../http-client.types';
import { mapHttpStatusError } from '../map-http-status-error';
import { redactSecrets, redactValue } from '../redact-secrets';
import { parseRetryAfterMs } from '../retry-after';
import { applyShouldRetry, parseShouldRetry } from '../should-retry';
import { isRecord, optionalNumber, optionalString } from '../wire-data';

/** Who failed, and which values must not leak into the error. */
export interface OpenAIErrorContext {
  /** `openai`, or the name of the OpenAI-compatible service. */
  readonly provider: string;
  /** API keys to redact from messages and bodies. */
  readonly secrets: readonly (string | undefined)[];
}

/** OpenAI's rate-limit reset headers, read when no `retry-after(-ms)` was sent. */
export const OPENAI_RESET_HEADERS = ['x-ratelimit-reset-requests', 'x-ratelimit-reset-tokens'];

const CONTENT_FILTER_CODES = new Set(['content_filter', 'content_policy_violation']);

interface OpenAIErrorFields {
  readonly message: string;
  readonly code: string | undefined;
  readonly param: string | undefined;
  /** Some compatible servers (Groq) put the HTTP status inside errors sent in a stream. */
  readonly statusCode: number | undefined;
}

/**
 * Reads `{ error: { message, type, code, param } }`, or a bare string body (proxies, HTML pages),
 * every field redacted.
 */
function readErrorFields(
  body: unknown,
  secrets: readonly (string | undefined)[],
): OpenAIErrorFields {
  const error = isRecord(body) && isRecord(body['error']) ? body['error'] : undefined;
  const clean = (text: string | undefined): string | undefined =>
    text === undefined ? undefined : redactSecrets(text, secrets);
  if (error === undefined) {
    return {
      message: errorBodyExcerpt(body, secrets),
      code: undefined,
      param: undefined,
      statusCode: undefined,
    };
  }
  return {
    message: clean(optionalString(error['message'])) ?? '(no message)',
    code: clean(optionalString(error['code']) ?? optionalString(error['type'])),
    param: clean(optionalString(error['param'])),
    statusCode: optionalNumber(error['status_code']),
  };
}

function displayName(provider: string): string {
  return provider === 'openai' ? 'OpenAI' : provider;
}

/** Classes every status-independent code: quota, context length, content policy. */
function mapSpecialCode(
  fields: OpenAIErrorFields,
  message: string,
  details: ConstructorParameters<typeof ProviderError>[1],
): ConduitError | undefined {
  if (fields.code === 'insufficient_quota') return new QuotaExceededError(message, details);
  if (fields.code === 'context_length_exceeded' || /maximum context length/i.test(fields.message)) {
    return new ContextLengthExceededError(message, details);
  }
  if (fields.code !== undefined && CONTENT_FILTER_CODES.has(fields.code)) {
    return new ContentFilterError(message, details);
  }
  return undefined;
}

/**
 * Maps a non-2xx Chat Completions / Embeddings answer to a typed error. The message reads
 * `OpenAI error 401 (invalid_api_key): <provider message>` and never contains the API key;
 * `requestId` comes from `x-request-id`; 429 carries `retryAfterMs`. An `x-should-retry: true|false`
 * header decides `isRetryable` over the class and status (as in the official SDK).
 */
export function mapOpenAIError(
  response: HttpErrorResponse,
  context: OpenAIErrorContext,
): ConduitError {
  const fields = readErrorFields(response.body, context.secrets);
  const { status, headers } = response;
  const codePart = fields.code === undefined ? '' : ` (${fields.code})`;
  const message = redactSecrets(
    `${displayName(context.provider)} error ${status}${codePart}: ${fields.message}`,
    context.secrets,
  );
  const requestId = headers['x-request-id'];
  const details = {
    provider: context.provider,
    status,
    // Redacted here too: mapHttpStatusError builds its errors without `secrets`.
    body: redactValue(response.body, context.secrets),
    secrets: context.secrets,
    ...(fields.code !== undefined && { code: fields.code }),
    ...(fields.param !== undefined && { param: fields.param }),
    ...(requestId !== undefined && { requestId }),
  };
  return applyShouldRetry(
    mapSpecialCode(fields, message, details) ??
      mapHttpStatusError({
        ...details,
        message,
        retryAfterMs: parseRetryAfterMs(headers, OPENAI_RESET_HEADERS),
      }),
    parseShouldRetry(headers),
  );
}

/**
 * Maps an `{"error": {...}}` payload received inside an HTTP 200 stream. There is no HTTP status,
 * so the class comes from the code: rate limits and server errors stay retryable.
 */
export function mapOpenAIStreamError(payload: unknown, context: OpenAIErrorContext): ConduitError {
  const fields = readErrorFields(payload, context.secrets);
  if (fields.statusCode !== undefined) {
    return mapOpenAIError({ status: fields.statusCode, headers: {}, body: payload }, context);
  }
  const codePart = fields.code === undefined ? '' : ` (${fields.code})`;
  const message = redactSecrets(
    `${displayName(context.provider)} stream error${codePart}: ${fields.message}`,
    context.secrets,
  );
  const details = {
    provider: context.provider,
    body: payload,
    secrets: context.secrets,
    ...(fields.code !== undefined && { code: fields.code }),
    ...(fields.param !== undefined && { param: fields.param }),
  };
  const special = mapSpecialCode(fields, message, details);
  if (special !== undefined) return special;
  if (fields.code !== undefined && /rate_limit/.test(fields.code)) {
    return new RateLimitError(message, details);
  }
  if (fields.code === 'server_error' || fields.code === 'api_error') {
    return new ServerError(message, details);
  }
  return new ProviderError(message, details);
}
