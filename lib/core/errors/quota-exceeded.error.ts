import { ProviderError, type ProviderErrorDetails } from './provider.error';

/** The account has run out of credit or hit a hard quota (OpenAI `insufficient_quota`, sent as HTTP 429). Retrying does not help. */
export class QuotaExceededError extends ProviderError {
  constructor(message: string, details: ProviderErrorDetails) {
    super(message, { ...details, isRetryable: false });
  }
}
