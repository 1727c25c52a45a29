import {
  AuthenticationError,
  ContextLengthExceededError,
  type ConduitError,
  type ProviderErrorDetails,
} from '../../core';
import { errorBodyExcerpt } from '../shared/error-body-excerpt';
import { errorClassForStatus } from '../shared/error-class-for-status';
import type { HttpErrorResponse } from '../shared/http-client.types';
import { mapHttpStatusError } from '../shared/map-http-status-error';
import { redactSecrets, redactValue } from '../shared/redact-secrets';
import { parseRetryAfterMs } from '../shared/retry-after';
import { isRecord, optionalNumber, optionalString, type WireRecord } from '../shared/wire-data';

/** The provider name carried by every Gemini error and model info. */
export const GOOGLE_PROVIDER = 'google';

/** Which values must not leak into an error (the API key of the model). */
export interface GoogleErrorContext {
  readonly secrets: readonly (string | undefined)[];
  /** The response's request id, when the stream's headers carried one. */
  readonly requestId?: string | undefined;
}

/**
 * The HTTP status each `google.rpc.Code` name stands for (google/rpc/code.proto): an error inside a
 * 200 stream gets the class its HTTP answer would get. A Map, not an object: a name such as
 * `constructor` must find nothing.
 */
const STATUS_OF_CODE_NAME = new Map<string, number>([
  ['INVALID_ARGUMENT', 400],
  ['FAILED_PRECONDITION', 400],
  ['UNAUTHENTICATED', 401],
  ['PERMISSION_DENIED', 403],
  ['NOT_FOUND', 404],
  ['RESOURCE_EXHAUSTED', 429],
  ['INTERNAL', 500],
  ['UNAVAILABLE', 503],
  ['DEADLINE_EXCEEDED', 504],
]);

/** Messages of INVALID_ARGUMENT errors that mean the prompt does not fit the context window. */
const CONTEXT_LENGTH = /input token count .*exceeds|exceeds the maximum number of tokens|too long/i;

/** `google.rpc.ErrorInfo` reasons that mean the key itself is wrong (sent with a 400, not a 401). */
const BAD_KEY_REASONS = new Set(['API_KEY_INVALID', 'API_KEY_EXPIRED', 'API_KEY_NOT_FOUND']);

interface GoogleErrorFields {
  /** `status` of the body: `RESOURCE_EXHAUSTED`, `INVALID_ARGUMENT`... */
  readonly status: string | undefined;
  readonly code: number | undefined;
  readonly message: string;
  /** `reason` of a `google.rpc.ErrorInfo` detail (`API_KEY_INVALID`). */
  readonly reason: string | undefined;
  /** `retryDelay` of a `google.rpc.RetryInfo` detail, in ms. */
  readonly retryDelayMs: number | undefined;
}

/**
 * A `google.protobuf.Duration` as JSON (`"22s"`, `"0.5s"`, `"1.000340s"`) in ms; `undefined` for
 * anything else.
 */
export function parseGoogleDurationMs(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^\d+(?:\.\d{1,9})?s$/.test(value.trim())) return undefined;
  return Math.round(Number(value.trim().slice(0, -1)) * 1000);
}

/** The `error` object of a body: `{ error }`, or `[{ error }]` as the non-SSE stream answers. */
function errorObject(body: unknown): WireRecord | undefined {
  const root: unknown = Array.isArray(body) ? (body as unknown[])[0] : body;
  return isRecord(root) && isRecord(root['error']) ? root['error'] : undefined;
}

/** Reads ErrorInfo's reason and RetryInfo's delay from `details`. */
function readDetails(details: unknown): Pick<GoogleErrorFields, 'reason' | 'retryDelayMs'> {
  let reason: string | undefined;
  let retryDelayMs: number | undefined;
  for (const detail of Array.isArray(details) ? (details as unknown[]) : []) {
    if (!isRecord(detail)) continue;
    const type = optionalString(detail['@type']) ?? '';
    if (type.endsWith('google.rpc.ErrorInfo')) reason ??= optionalString(detail['reason']);
    if (type.endsWith('google.rpc.RetryInfo'))
      retryDelayMs ??= parseGoogleDurationMs(detail['retryDelay']);
  }
  return { reason, retryDelayMs };
}

/**
 * Reads `{ error: { code, message, status, details } }`, or a bare text body (a proxy's page),
 * every string redacted.
 */
function readErrorFields(
  body: unknown,
  secrets: readonly (string | undefined)[],
): GoogleErrorFields {
  const error = errorObject(body);
  if (error === undefined) {
    return {
      status: undefined,
      code: undefined,
      message: errorBodyExcerpt(body, secrets),
      reason: undefined,
      retryDelayMs: undefined,
    };
  }
  const clean = (text: string | undefined): string | undefined =>
    text === undefined ? undefined : redactSecrets(text, secrets);
  return {
    status: clean(optionalString(error['status'])),
    code: optionalNumber(error['code']),
    message: clean(optionalString(error['message'])) ?? '(no message)',
    ...readDetails(error['details']),
  };
}

/** Errors whose meaning does not depend on the HTTP status alone. */
function mapSpecial(
  fields: GoogleErrorFields,
  message: string,
  details: ProviderErrorDetails,
): ConduitError | undefined {
  if (fields.reason !== undefined && BAD_KEY_REASONS.has(fields.reason)) {
    return new AuthenticationError(message, details);
  }
  if (fields.status === 'INVALID_ARGUMENT' && CONTEXT_LENGTH.test(fields.message)) {
    return new ContextLengthExceededError(message, details);
  }
  return undefined;
}

/**
 * Maps a non-2xx Generative Language API answer to a typed error: 400 `INVALID_ARGUMENT`
 * InvalidRequestError (a prompt over the context window ContextLengthExceededError; an
 * `ErrorInfo` reason `API_KEY_INVALID` AuthenticationError, since Google answers a bad key with a
 * 400), 403 `PERMISSION_DENIED` PermissionDeniedError, 404 `NOT_FOUND` NotFoundError, 429
 * `RESOURCE_EXHAUSTED` RateLimitError whose `retryAfterMs` comes from `retry-after` or else the
 * body's `google.rpc.RetryInfo.retryDelay`, 500 `INTERNAL` / 503 `UNAVAILABLE` / 504
 * `DEADLINE_EXCEEDED` retryable ServerError. The message reads `Google error 429
 * (RESOURCE_EXHAUSTED): ...` and never holds the API key.
 */
export function mapGoogleError(
  response: HttpErrorResponse,
  context: GoogleErrorContext,
): ConduitError {
  const fields = readErrorFields(response.body, context.secrets);
  const { status, headers } = response;
  const kind = fields.reason ?? fields.status;
  const message = redactSecrets(
    `Google error ${status}${kind === undefined ? '' : ` (${kind})`}: ${fields.message}`,
    context.secrets,
  );
  const requestId = headers['x-request-id'] ?? context.requestId;
  const details = {
    provider: GOOGLE_PROVIDER,
    status,
    body: redactValue(response.body, context.secrets),
    secrets: context.secrets,
    ...(fields.status !== undefined && { code: fields.status }),
    ...(requestId !== undefined && { requestId }),
  };
  return (
    mapSpecial(fields, message, details) ??
    mapHttpStatusError({
      ...details,
      message,
      retryAfterMs: parseRetryAfterMs(headers) ?? fields.retryDelayMs,
    })
  );
}

/**
 * Maps an `{ error }` payload sent inside a 200 stream. There is no HTTP status, so the class
 * comes from the body's `code` (the HTTP status it stands for) or else its `status` name.
 */
export function mapGoogleStreamError(payload: unknown, context: GoogleErrorContext): ConduitError {
  const fields = readErrorFields(payload, context.secrets);
  const message = redactSecrets(
    `Google stream error${fields.status === undefined ? '' : ` (${fields.status})`}: ${fields.message}`,
    context.secrets,
  );
  const details = {
    provider: GOOGLE_PROVIDER,
    body: payload,
    secrets: context.secrets,
    ...(fields.status !== undefined && { code: fields.status }),
    ...(context.requestId !== undefined && { requestId: context.requestId }),
  };
  const special = mapSpecial(fields, message, details);
  if (special !== undefined) return special;
  // An unknown name: only a 5xx `code` says enough (a server fault); any other stays a ProviderError.
  const status =
    (fields.status === undefined ? undefined : STATUS_OF_CODE_NAME.get(fields.status)) ??
    (fields.code !== undefined && fields.code >= 500 ? fields.code : undefined);
  const ErrorClass = errorClassForStatus(status);
  return new ErrorClass(
    message,
    status === 429 && fields.retryDelayMs !== undefined
      ? { ...details, retryAfterMs: fields.retryDelayMs }
      : details,
  );
}
