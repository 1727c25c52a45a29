import { ProviderError, type ProviderErrorDetails } from './provider.error';

/** The API key is missing, wrong or revoked (HTTP 401). Check the model's `apiKey` option. */
export class AuthenticationError extends ProviderError {
  constructor(message: string, details: ProviderErrorDetails) {
    super(message, { ...details, isRetryable: false });
  }
}
