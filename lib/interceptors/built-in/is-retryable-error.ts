import {
  AbortedError,
  AuthenticationError,
  ConduitError,
  ConduitValidationError,
  ConnectionError,
  ContentFilterError,
  InvalidRequestError,
  NotFoundError,
  PermissionDeniedError,
  ProviderError,
  QuotaExceededError,
  RateLimitError,
  ServerError,
  TimeoutError,
} from '../../core';

/** Errors that the same request can never fix: retrying them only burns time and money. */
const NEVER_RETRIED = [
  AbortedError,
  ConduitValidationError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  InvalidRequestError, // includes ContextLengthExceededError
  QuotaExceededError,
  ContentFilterError,
] as const;

/** Node socket failures, in case one escapes a provider without being mapped to `ConnectionError`. */
const CONNECTION_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** HTTP statuses worth another try: request timeout, conflict, too many requests, 5xx (and 529). */
function isRetryableStatus(status: number | undefined): boolean {
  return (
    status === 408 || status === 409 || status === 429 || (status !== undefined && status >= 500)
  );
}

function hasConnectionCode(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 3) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
  return hasConnectionCode((error as { cause?: unknown }).cause, depth + 1);
}

/**
 * The provider's own verdict, when it gave one: provider errors mapped from an answer with an
 * `x-should-retry: true|false` header carry it as `shouldRetry` (set by the provider mappers'
 * `applyShouldRetry`; read by name here, since interceptors do not import providers).
 */
function providerVerdict(error: unknown): boolean | undefined {
  if (!(error instanceof ProviderError)) return undefined;
  const verdict = (error as { shouldRetry?: unknown }).shouldRetry;
  return typeof verdict === 'boolean' ? verdict : undefined;
}

/**
 * Whether the same call may succeed if tried again: 429 rate limits (not quota exhaustion), 408,
 * 409, 5xx and Anthropic's 529, connection failures and timeouts of an attempt. Never an abort, a
 * validation, authentication, permission, not-found, invalid-request, context-length, quota or
 * content-filter error. A provider's explicit verdict (`x-should-retry`, as the official SDKs obey
 * it) overrides all of these rules but the first two: a 500 it says not to retry is not retried, a
 * 409 or 400 it says to retry is.
 */
export function isRetryableError(error: unknown): boolean {
  if (error instanceof AbortedError || error instanceof ConduitValidationError) return false;
  const verdict = providerVerdict(error);
  if (verdict !== undefined) return verdict;
  if (NEVER_RETRIED.some((type) => error instanceof type)) return false;
  if (
    error instanceof RateLimitError ||
    error instanceof ServerError ||
    error instanceof ConnectionError ||
    error instanceof TimeoutError
  ) {
    return true;
  }
  if (error instanceof ProviderError && error.status !== undefined) {
    return isRetryableStatus(error.status);
  }
  if (error instanceof ConduitError) return error.isRetryable;
  return hasConnectionCode(error);
}

/** The wait the provider asked for (`retry-after-ms`, `retry-after`, reset headers), when it did. */
export function requestedRetryDelay(error: unknown): number | undefined {
  if (error instanceof RateLimitError || error instanceof ServerError) {
    const ms = error.retryAfterMs;
    return ms !== undefined && Number.isFinite(ms) && ms >= 0 ? ms : undefined;
  }
  return undefined;
}
