import { InvalidRequestError } from './invalid-request.error';
import type { ProviderErrorDetails } from './provider.error';

/** The prompt and the requested output do not fit the model's context window. Shorten the history or lower `maxTokens`. */
export class ContextLengthExceededError extends InvalidRequestError {
  constructor(message: string, details: ProviderErrorDetails) {
    super(message, { ...details, isRetryable: false });
  }
}
