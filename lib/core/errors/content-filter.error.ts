import { ProviderError, type ProviderErrorDetails } from './provider.error';

/** The provider's safety system blocked the prompt or the answer. */
export class ContentFilterError extends ProviderError {
  constructor(message: string, details: ProviderErrorDetails) {
    super(message, { ...details, isRetryable: false });
  }
}
