import { ProviderError, type ProviderErrorDetails } from './provider.error';

/** What a `ContentFilterError` adds to the provider's error details. */
export interface ContentFilterErrorDetails extends ProviderErrorDetails {
  /**
   * The provider's names of the categories that blocked the content, in its own words (Azure:
   * `hate`, `sexual`, `violence`, `self_harm`, `jailbreak`, `protected_material_text`...). Empty
   * when the provider did not say.
   */
  readonly categories?: readonly string[];
  /** Whether the prompt or the model's answer was blocked, when the provider said. */
  readonly stage?: 'prompt' | 'completion';
}

/**
 * The provider's safety system blocked the prompt or the answer. `categories` names what
 * triggered it when the provider reports it (the full report stays in `body`). Not retryable: the
 * same content is blocked again.
 */
export class ContentFilterError extends ProviderError {
  /** The categories that blocked the content, in the provider's words (empty when not reported). */
  readonly categories: readonly string[];
  /** `prompt` or `completion`, when the provider said which one was blocked. */
  readonly stage: 'prompt' | 'completion' | undefined;

  constructor(message: string, details: ContentFilterErrorDetails) {
    super(message, { ...details, isRetryable: false });
    this.categories = details.categories ?? [];
    this.stage = details.stage;
  }
}
