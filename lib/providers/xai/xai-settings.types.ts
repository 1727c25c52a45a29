import type { ModelCapabilities } from '../../core';

/** Settings of `XaiChatModel`. */
export interface XaiChatModelSettings {
  /** A Grok model id: `grok-4.3`, `grok-code-fast-1`, `grok-3-mini`... */
  readonly model: string;
  /** Your key (`xai-...`); the module factory reads `XAI_API_KEY`. */
  readonly apiKey?: string;
  /** Defaults to `https://api.x.ai/v1`. */
  readonly baseUrl?: string;
  /** Extra headers sent with every request (`x-grok-conv-id` to pin a conversation to a cache). */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * The wire: `chat` (Chat Completions, the default) or `responses` (xAI's Responses API, which
   * streams reasoning summaries and takes `previous_response_id` through `providerOptions.xai`).
   */
  readonly api?: 'chat' | 'responses';
  /** `reasoning_effort` (chat) or `reasoning.effort` (responses) for models that accept it; `none` turns reasoning off on grok-4.3. */
  readonly reasoningEffort?: 'none' | 'low' | 'medium' | 'high';
  /** Reasoning summaries on the Responses API (`reasoning.summary`). */
  readonly reasoningSummary?: 'auto' | 'concise' | 'detailed';
  /** Encrypted reasoning on the Responses API, to send back without server-side storage. */
  readonly includeEncryptedReasoning?: boolean;
  /** `store` on the Responses API. */
  readonly store?: boolean;
  /** Capability flags that override the model catalogue. */
  readonly capabilities?: Partial<ModelCapabilities>;
}
