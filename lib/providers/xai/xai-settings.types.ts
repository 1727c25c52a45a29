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
   * The most bytes one response may have (JSON answer, error page or whole stream) before the call
   * fails with `ResponseTooLargeError`. Default 64 MiB.
   */
  readonly maxResponseBytes?: number;
  /**
   * The most sockets open to this model's origin at once (default 128); further calls wait in
   * the pool's queue for a free connection instead of failing, the wait counting against their
   * deadline. Models with the same origin and the same cap share one keep-alive pool.
   */
  readonly maxConnections?: number;
  /**
   * The overall deadline of one HTTP request of this model in ms, a whole stream included; past
   * it the request is aborted and the call fails with `TimeoutError`. `0` = none. When absent:
   * 600 000 (10 minutes, ChatService's default) for a model called directly (`@InjectChatModel`);
   * through ChatService, the call's or the module's `timeoutMs` governs alone.
   */
  readonly timeoutMs?: number;
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
