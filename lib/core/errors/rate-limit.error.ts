import { ProviderError, type ProviderErrorDetails } from './provider.error';

/**
 * Too many requests or tokens for the account's rate limit (HTTP 429). Retryable: wait
 * `retryAfterMs` (from `retry-after-ms`, `retry-after` or the provider's reset headers) first.
 */
export class RateLimitError extends ProviderError {
  /** How long the provider asked us to wait, when it said. */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, details: ProviderErrorDetails & { readonly retryAfterMs?: number }) {
    super(message, { ...details, isRetryable: true });
    this.retryAfterMs = details.retryAfterMs;
  }
}
