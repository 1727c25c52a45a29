import {
  AuthenticationError,
  InvalidRequestError,
  NotFoundError,
  PermissionDeniedError,
  ProviderError,
  RateLimitError,
  ServerError,
  type ProviderErrorDetails,
} from '../../core';

/** The constructor of one typed provider error (the 429 and 5xx ones also take `retryAfterMs`). */
export type ProviderErrorClass = new (
  message: string,
  details: ProviderErrorDetails & { readonly retryAfterMs?: number },
) => ProviderError;

/**
 * The error class an HTTP status stands for: 400/422 InvalidRequestError, 401 AuthenticationError,
 * 403 PermissionDeniedError, 404 NotFoundError, 429 RateLimitError, 5xx (and Anthropic's 529)
 * ServerError, anything else, or no status, a plain ProviderError. The one table behind
 * `mapHttpStatusError` (which adds the 404 hint, retryable 408/409 and quota 429s) and behind the
 * providers' mapping of errors sent inside a 200 stream, which name the status they stand for
 * (Anthropic's error `type`, Google's `status`): so that an error gets the same class whichever
 * way it arrives.
 */
export function errorClassForStatus(status: number | undefined): ProviderErrorClass {
  switch (status) {
    case undefined:
      return ProviderError;
    case 400:
    case 422:
      return InvalidRequestError;
    case 401:
      return AuthenticationError;
    case 403:
      return PermissionDeniedError;
    case 404:
      return NotFoundError;
    case 429:
      return RateLimitError;
  }
  return status >= 500 ? ServerError : ProviderError;
}
