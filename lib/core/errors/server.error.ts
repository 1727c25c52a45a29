import { ProviderError, type ProviderErrorDetails } from './provider.error';

/** The provider failed or is overloaded (HTTP 5xx, Anthropic 529). Retryable. */
export class ServerError extends ProviderError {
  /** How long the provider asked us to wait, when it said. */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, details: ProviderErrorDetails & { readonly retryAfterMs?: number }) {
    super(message, { ...details, isRetryable: true });
    this.retryAfterMs = details.retryAfterMs;
  }
}
