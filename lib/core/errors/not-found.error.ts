import { ProviderError, type ProviderErrorDetails } from './provider.error';

/** The model or endpoint does not exist, or the key cannot see it (HTTP 404). */
export class NotFoundError extends ProviderError {
  constructor(message: string, details: ProviderErrorDetails) {
    super(message, { ...details, isRetryable: false });
  }
}
