import type { HostedChatModelSettings } from '../openai-compatible';

/** OpenRouter's unified reasoning options (`reasoning` in the body). */
export interface OpenRouterReasoning {
  /** `high`, `medium` or `low` (models that take an effort). */
  readonly effort?: 'high' | 'medium' | 'low';
  /** A token budget (models that take one); not with `effort`. */
  readonly maxTokens?: number;
  /** Reason, but leave the reasoning out of the answer. */
  readonly exclude?: boolean;
}

/** Settings of `OpenRouterChatModel`. */
export interface OpenRouterChatModelSettings extends HostedChatModelSettings {
  /** Your site's URL, sent as `HTTP-Referer` (OpenRouter's app attribution and rankings). */
  readonly appUrl?: string;
  /** Your app's name, sent as `X-Title`. */
  readonly appName?: string;
  /** Reasoning for every call (`providerOptions.openrouter.reasoning` overrides it per call). */
  readonly reasoning?: OpenRouterReasoning;
}
