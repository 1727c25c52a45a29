import type { ModelCapabilities } from '../../core';
import type { OpenAIChatModelSettings } from '../shared/openai-wire/openai-settings.types';

/** How hard a reasoning model thinks before it answers (`reasoning.effort`). */
export type ResponsesReasoningEffort = 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh';

/** Settings of `OpenAIResponsesChatModel` (the Responses API, `POST /responses`). */
export interface OpenAIResponsesModelSettings extends OpenAIChatModelSettings {
  /** `reasoning.effort` for reasoning models (gpt-5.x, o-series). Left to the model's default when absent. */
  readonly reasoningEffort?: ResponsesReasoningEffort;
  /**
   * Ask for reasoning summaries (`reasoning.summary`). They stream as `reasoning-delta` events and
   * land in the answer as reasoning parts. Off by default: summaries cost output tokens.
   */
  readonly reasoningSummary?: 'auto' | 'concise' | 'detailed';
  /**
   * Ask for the encrypted reasoning (`include: ['reasoning.encrypted_content']`) so it can be sent
   * back on the next turn of a tool loop without server-side storage. It is kept in the reasoning
   * part's `redactedData`. Set `store: false` with it for zero-data-retention use.
   */
  readonly includeEncryptedReasoning?: boolean;
  /** `store` (OpenAI keeps the response for 30 days and can resolve item ids). API default: true. */
  readonly store?: boolean;
  /** Capability flags that override the model catalogue (for models it does not know). */
  readonly capabilities?: Partial<ModelCapabilities>;
}
