import { InvalidRequestError } from './invalid-request.error';
import type { ProviderErrorDetails } from './provider.error';

/**
 * The provider rejected the tool call the model generated (Groq `tool_use_failed`: the call did not
 * match the tool's schema, or was not valid JSON). `failedGeneration` holds what the model wrote,
 * so it can be shown, repaired or sent back to the model. Not retryable as is; a retry with a
 * corrected prompt or a lower temperature often succeeds.
 */
export class ToolUseFailedError extends InvalidRequestError {
  /** The model's rejected output, exactly as the provider returned it. */
  readonly failedGeneration: string | undefined;

  constructor(
    message: string,
    details: ProviderErrorDetails & { readonly failedGeneration?: string },
  ) {
    super(message, details);
    this.failedGeneration = details.failedGeneration;
  }
}
