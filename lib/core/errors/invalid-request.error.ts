import { ProviderError, type ProviderErrorDetails } from './provider.error';

/** The provider rejected the request as malformed (HTTP 400 / 422); `param` names the field when known. */
export class InvalidRequestError extends ProviderError {
  constructor(message: string, details: ProviderErrorDetails) {
    super(message, { ...details, isRetryable: false });
  }
}
