import { NotFoundError, ProviderError, QuotaExceededError } from '../../core';
import { errorClassForStatus } from './error-class-for-status';
import { applyShouldRetry } from './should-retry';

/** What a provider-specific error mapper knows about a failed call. */
export interface HttpStatusErrorInput {
  readonly provider: string;
  readonly status: number;
  /** Complete, already redacted message (`OpenAI error 401 (invalid_api_key): ...`). */
  readonly message: string;
  readonly code?: string | undefined;
  readonly param?: string | undefined;
  /** Parsed (and redacted) error body. */
  readonly body?: unknown;
  readonly requestId?: string | undefined;
  readonly retryAfterMs?: number | undefined;
  /**
   * The 429 means the account is out of credit (OpenAI `insufficient_quota`), not that it goes too
   * fast: QuotaExceededError, not retryable.
   */
  readonly quotaExceeded?: boolean;
  /**
   * The provider's explicit verdict (`x-should-retry`, see `parseShouldRetry`): beats the status
   * default below, in both directions.
   */
  readonly shouldRetry?: boolean | undefined;
}

/**
 * The generic HTTP status -> error class rule every provider shares: 400/422 InvalidRequestError,
 * 401 AuthenticationError, 403 PermissionDeniedError, 404 NotFoundError, 408/409 retryable
 * ProviderError, 429 RateLimitError (QuotaExceededError when `quotaExceeded`), 5xx and 529
 * ServerError, anything else a non-retryable ProviderError. Provider mappers handle their special
 * codes (context length, content filter) first and fall back to this. An explicit `shouldRetry`
 * overrides `isRetryable` whatever the status (see `applyShouldRetry`).
 */
export function mapHttpStatusError(input: HttpStatusErrorInput): ProviderError {
  return applyShouldRetry(mapStatus(input), input.shouldRetry);
}

function mapStatus(input: HttpStatusErrorInput): ProviderError {
  const { message, status, retryAfterMs } = input;
  const details = {
    provider: input.provider,
    status,
    ...(input.code !== undefined && { code: input.code }),
    ...(input.param !== undefined && { param: input.param }),
    ...(input.body !== undefined && { body: input.body }),
    ...(input.requestId !== undefined && { requestId: input.requestId }),
  };
  switch (status) {
    case 404:
      return new NotFoundError(withBaseUrlHint(message), details);
    case 408:
    case 409:
      // Request timeout / lock conflict: the same call usually goes through a moment later.
      return new ProviderError(message, { ...details, isRetryable: true });
    case 429:
      if (input.quotaExceeded === true) return new QuotaExceededError(message, details);
  }
  const ErrorClass = errorClassForStatus(status);
  // Only the classes told to wait (429 RateLimitError, 5xx ServerError) carry the provider's wait.
  const waits = status === 429 || status >= 500;
  return new ErrorClass(
    message,
    waits && retryAfterMs !== undefined ? { ...details, retryAfterMs } : details,
  );
}

/**
 * A 404 that is not about a model is nearly always a base URL without its `/v1` ("Invalid URL (POST
 * /chat/completions)", "Unknown request URL: POST /messages", a server's HTML page): say so, since
 * the official Anthropic SDK's ANTHROPIC_BASE_URL has no `/v1` and users copy it.
 */
export const BASE_URL_HINT =
  'Does baseUrl end with /v1? This library expects it (https://api.openai.com/v1, ' +
  'https://api.anthropic.com/v1, http://127.0.0.1:11434/v1).';

function withBaseUrlHint(message: string): string {
  return /\bmodel/i.test(message) ? message : `${message} ${BASE_URL_HINT}`;
}
