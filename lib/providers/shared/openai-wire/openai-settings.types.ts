import type { ChatRequest, ModelCapabilities } from '../../../core';

/**
 * Connection settings shared by every model on the OpenAI wire: the OpenAI chat, Responses and
 * embedding models, and the OpenAI-compatible servers (Groq, xAI, Ollama, vLLM...).
 */
export interface OpenAIConnectionSettings {
  /** Sent as `Authorization: Bearer ...`. Optional for local servers (Ollama, vLLM) that need none. */
  readonly apiKey?: string;
  /** Defaults to `https://api.openai.com/v1`. Any OpenAI-compatible server works (`http://127.0.0.1:11434/v1`). */
  readonly baseUrl?: string;
  /**
   * The header that carries `apiKey`: `authorization` (`Bearer <key>`, the default) or `api-key`
   * (Azure OpenAI's key header, the key as is).
   */
  readonly apiKeyHeader?: 'authorization' | 'api-key';
  /**
   * Query parameters added to every request URL (Azure's `api-version`). Values are URL-encoded.
   */
  readonly queryParams?: Readonly<Record<string, string>>;
  /** `OpenAI-Organization` header. */
  readonly organization?: string;
  /** `OpenAI-Project` header. */
  readonly project?: string;
  /** Extra headers sent with every request. */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Name reported in `info().provider` and in errors. Defaults to `openai`; set it when the base URL
   * points at another OpenAI-compatible service (`ollama`, `vllm`).
   */
  readonly providerName?: string;
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
}

/** Settings of `OpenAIChatModel` (Chat Completions API), which `OpenAIResponsesModelSettings` extends. */
export interface OpenAIChatModelSettings extends OpenAIConnectionSettings {
  /** The provider's model id, e.g. `gpt-4o-mini`. */
  readonly model: string;
  /**
   * Capability flags that override the model catalogue: describe a model it does not know (a
   * fine-tune, a local model behind an OpenAI-compatible server).
   */
  readonly capabilities?: Partial<ModelCapabilities>;
  /**
   * Reads a server's own fields from each non-streamed body and each stream chunk (Groq's
   * `x_groq`); they go into `providerMetadata[providerName]`, merged field by field over the
   * chunks (later chunks win), next to `systemFingerprint` and `serviceTier`.
   */
  readonly readMetadata?: (payload: unknown) => Readonly<Record<string, unknown>>;
  /**
   * Adjusts the finished wire body of each call, in place, after provider options were merged:
   * for a server that wants a field on single messages (DeepSeek's `reasoning_content` on tool-call
   * turns). `messages` holds one wire message per `request.messages` entry, in order.
   */
  readonly finishBody?: (body: Record<string, unknown>, request: ChatRequest) => void;
}
