import { ProviderError, type ProviderErrorDetails } from './provider.error';

/** The key is valid but may not use this model, region or feature (HTTP 403). */
export class PermissionDeniedError extends ProviderError {
  constructor(message: string, details: ProviderErrorDetails) {
    super(message, { ...details, isRetryable: false });
  }
}
