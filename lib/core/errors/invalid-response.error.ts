import { ProviderError, type ProviderErrorDetails } from './provider.error';

/** The provider answered with data that could not be understood (malformed JSON or SSE, a stream cut short). */
export class InvalidResponseError extends ProviderError {
  constructor(message: string, details: ProviderErrorDetails) {
    super(message, { ...details, isRetryable: false });
  }
}
