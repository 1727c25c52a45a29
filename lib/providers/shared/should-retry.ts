import type { ConduitError } from '../../core';
import type { HttpHeaders } from './http-client.types';

/**
 * A provider error that carries the provider's own verdict on retrying (`x-should-retry`).
 * `isRetryable` equals `shouldRetry`; `isRetryableError` (the RetryInterceptor's default) follows
 * `shouldRetry` over the rules by class and status.
 */
export type WithShouldRetry<E extends ConduitError> = E & { readonly shouldRetry?: boolean };

/**
 * The `x-should-retry` response header (OpenAI and Anthropic send it; their official SDKs obey it):
 * `true` or `false`, or `undefined` when it is absent or says anything else.
 */
export function parseShouldRetry(headers: HttpHeaders): boolean | undefined {
  const value = headers['x-should-retry']?.trim().toLowerCase();
  return value === 'true' ? true : value === 'false' ? false : undefined;
}

/**
 * Gives a mapped error the provider's explicit verdict, which beats the default of its class and
 * status (a 500 the provider says not to retry, a 409 or 400 it says to retry), as in the official
 * SDKs. The class is kept, so `catch (e instanceof ServerError)` still works; `isRetryable` takes
 * the verdict, and an own `shouldRetry` property marks it as the provider's, since the error
 * classes fix `isRetryable` by kind and a default could not be told from a verdict otherwise.
 * Returns the error itself (unchanged when `shouldRetry` is undefined).
 */
export function applyShouldRetry<E extends ConduitError>(
  error: E,
  shouldRetry: boolean | undefined,
): WithShouldRetry<E> {
  if (shouldRetry === undefined) return error;
  // Set once, right after construction and before anyone sees the error: `isRetryable` is
  // readonly for users, not frozen.
  Object.defineProperty(error, 'isRetryable', { value: shouldRetry, enumerable: true });
  Object.defineProperty(error, 'shouldRetry', { value: shouldRetry, enumerable: true });
  return error;
}

/** The verdict `applyShouldRetry` put on an error, if any (to carry it over to a re-mapped error). */
export function shouldRetryOf(error: unknown): boolean | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const value = (error as { shouldRetry?: unknown }).shouldRetry;
  return typeof value === 'boolean' ? value : undefined;
}
