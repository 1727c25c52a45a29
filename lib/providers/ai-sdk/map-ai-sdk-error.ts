import {
  AbortedError,
  AuthenticationError,
  ConduitError,
  ConnectionError,
  ContentFilterError,
  ContextLengthExceededError,
  InvalidRequestError,
  InvalidResponseError,
  ProviderError,
  QuotaExceededError,
} from '../../core';
import { mapHttpStatusError } from '../shared/map-http-status-error';
import { parseRetryAfterMs } from '../shared/retry-after';
import { abortError, type AbortState } from '../shared/transport-error';
import { isRecord, optionalString, tryParseJson } from '../shared/wire-data';

/** AISDKError subclasses carry this marker (`Symbol.for('vercel.ai.error.<name>')`). */
const API_CALL_MARKER = Symbol.for('vercel.ai.error.AI_APICallError');
const CONTEXT_LENGTH =
  /context[_ ]length|context window|maximum context|prompt is too long|too many (?:input )?tokens|input is too long/i;
const CONTENT_FILTER = /content[_ ](?:filter|policy)|safety|blocked/i;
const MAX_BODY_TEXT = 2000;

/** AI SDK errors that say our request was wrong before anything was sent. */
const REQUEST_ERRORS = new Set([
  'AI_InvalidPromptError',
  'AI_InvalidArgumentError',
  'AI_UnsupportedFunctionalityError',
  'AI_TooManyEmbeddingValuesForCallError',
  'AI_NoSuchModelError',
]);
/** AI SDK errors that say the provider's answer could not be read. */
const RESPONSE_ERRORS = new Set([
  'AI_JSONParseError',
  'AI_TypeValidationError',
  'AI_EmptyResponseBodyError',
  'AI_InvalidResponseDataError',
]);

/**
 * Whatever an AI SDK model threw (or sent as a stream `error` part) as a typed ConduitError. An
 * aborted call fails with its abort reason. `APICallError` maps by status like every provider
 * here (429 RateLimitError with `retry-after`, 401 AuthenticationError, 5xx ServerError...), with
 * context-length, content-filter and quota answers recognised from their code or message; one
 * without a status (the fetch itself failed) is a ConnectionError. The cause kept is a plain copy
 * (name and message) so the request body the AI SDK attaches never reaches a log; messages and
 * bodies are redacted like every provider error.
 */
export function mapAiSdkError(
  error: unknown,
  provider: string,
  signal: AbortState | undefined,
): ConduitError {
  if (signal?.aborted === true) return abortError(signal);
  if (error instanceof ConduitError) return error;
  const name = isRecord(error) ? optionalString(error.name) : undefined;
  const message = messageOf(error);
  const cause = plainCause(name, message);
  if (isApiCallError(error)) return mapApiCallError(error, provider, message, cause);
  if (name === 'AbortError') return new AbortedError(undefined, { cause });
  if (name === 'AI_LoadAPIKeyError') {
    return new AuthenticationError(`${provider}: ${message}`, { provider, cause });
  }
  if (name !== undefined && REQUEST_ERRORS.has(name)) {
    return new InvalidRequestError(`${provider} refused the request: ${message}`, {
      provider,
      code: name,
      cause,
    });
  }
  if (name !== undefined && RESPONSE_ERRORS.has(name)) {
    return new InvalidResponseError(
      `${provider} sent an answer that could not be read: ${message}`,
      {
        provider,
        code: name,
        cause,
      },
    );
  }
  if (name === 'TypeError' && /fetch failed|network/i.test(message)) {
    return new ConnectionError(`The connection to ${provider} failed: ${message}`, { cause });
  }
  return fromMessage(`${provider} error: ${message}`, provider, {
    code: isRecord(error) ? (optionalString(error.code) ?? optionalString(error.type)) : undefined,
    body: isRecord(error) && name === undefined ? error : undefined,
    cause,
  });
}

interface ApiCallErrorShape {
  readonly statusCode?: unknown;
  readonly responseHeaders?: unknown;
  readonly responseBody?: unknown;
  readonly isRetryable?: unknown;
  readonly data?: unknown;
}

function isApiCallError(error: unknown): error is ApiCallErrorShape {
  if (!isRecord(error)) return false;
  return (
    (error as Record<symbol, unknown>)[API_CALL_MARKER] === true || error.name === 'AI_APICallError'
  );
}

function mapApiCallError(
  error: ApiCallErrorShape,
  provider: string,
  message: string,
  cause: Error,
): ConduitError {
  const status = typeof error.statusCode === 'number' ? error.statusCode : undefined;
  if (status === undefined) {
    return new ConnectionError(`The call to ${provider} failed before an answer: ${message}`, {
      cause,
    });
  }
  const headers = stringRecord(error.responseHeaders);
  const body = bodyOf(error.responseBody, error.data);
  const code = errorCode(body);
  const text = `${provider} error ${status}${code === undefined ? '' : ` (${code})`}: ${message}`;
  const requestId = headers['x-request-id'] ?? headers['request-id'];
  const details = {
    provider,
    status,
    ...(code !== undefined && { code }),
    ...(body !== undefined && { body }),
    ...(requestId !== undefined && { requestId }),
    cause,
  };
  const about = `${code ?? ''} ${message}`;
  if (/insufficient_quota|quota exceeded|billing/i.test(about) && status !== 401) {
    return new QuotaExceededError(text, details);
  }
  if (status === 400 || status === 413 || status === 422) {
    if (CONTEXT_LENGTH.test(about)) return new ContextLengthExceededError(text, details);
    if (CONTENT_FILTER.test(about))
      return new ContentFilterError(text, { ...details, stage: 'prompt' });
  }
  const retryAfterMs = parseRetryAfterMs(headers);
  return mapHttpStatusError({
    ...details,
    message: text,
    ...(retryAfterMs !== undefined && { retryAfterMs }),
  });
}

/** A stream error part or a foreign error with no status: classified by its message alone. */
function fromMessage(
  text: string,
  provider: string,
  extra: { readonly code: string | undefined; readonly body: unknown; readonly cause: Error },
): ProviderError {
  const details = {
    provider,
    cause: extra.cause,
    ...(extra.code !== undefined && { code: extra.code }),
    ...(extra.body !== undefined && { body: extra.body }),
  };
  if (CONTEXT_LENGTH.test(text)) return new ContextLengthExceededError(text, details);
  return new ProviderError(text, details);
}

function messageOf(error: unknown): string {
  if (typeof error === 'string') return error;
  if (!isRecord(error)) return String(error);
  const direct = optionalString(error.message);
  if (direct !== undefined && direct !== '') return direct;
  // An error chunk of a stream, e.g. `{ error: { message } }` or `{ message }` nested once.
  const nested = isRecord(error.error) ? optionalString(error.error.message) : undefined;
  return nested ?? JSON.stringify(error).slice(0, MAX_BODY_TEXT);
}

function plainCause(name: string | undefined, message: string): Error {
  const copy = new Error(message);
  copy.name = name ?? 'Error';
  return copy;
}

function stringRecord(value: unknown): Readonly<Record<string, string>> {
  if (!isRecord(value)) return {};
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string') out[key.toLowerCase()] = item;
  }
  return out;
}

function bodyOf(responseBody: unknown, data: unknown): unknown {
  if (data !== undefined) return data;
  if (typeof responseBody !== 'string' || responseBody === '') return undefined;
  const parsed = tryParseJson(responseBody);
  return parsed === undefined ? responseBody.slice(0, MAX_BODY_TEXT) : parsed;
}

function errorCode(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  const inner = isRecord(body.error) ? body.error : body;
  const code = inner.code ?? inner.type ?? inner.status;
  return typeof code === 'string' && code !== '' ? code : undefined;
}
