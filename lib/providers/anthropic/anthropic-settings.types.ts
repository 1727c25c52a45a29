import type { ModelCapabilities } from '../../core';
import type { AnthropicThinkingOptions } from './anthropic-options.types';

/** Where the Messages API lives unless `baseUrl` says otherwise. */
export const ANTHROPIC_DEFAULT_BASE_URL = 'https://api.anthropic.com/v1';

/** The `anthropic-version` header sent unless `anthropicVersion` says otherwise. */
export const ANTHROPIC_DEFAULT_VERSION = '2023-06-01';

/** Settings of `AnthropicChatModel` (Messages API). */
export interface AnthropicChatModelSettings {
  /** The model id, e.g. `claude-sonnet-4-5` or a dated snapshot `claude-sonnet-4-20250514`. */
  readonly model: string;
  /**
   * Sent as `x-api-key`. The model itself reads no environment variable: the module layer fills this
   * from `ANTHROPIC_API_KEY`.
   */
  readonly apiKey?: string;
  /** Defaults to `https://api.anthropic.com/v1`; the model posts to `${baseUrl}/messages`. */
  readonly baseUrl?: string;
  /** `anthropic-version` header. Defaults to `2023-06-01`, the current (and only) API version. */
  readonly anthropicVersion?: string;
  /** Beta features, sent joined by commas as the `anthropic-beta` header. */
  readonly betas?: readonly string[];
  /** Extra headers sent with every request (per-call `request.headers` win over them). */
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
   * `max_tokens` when a call sets no `maxTokens`. The API requires the field; without this setting
   * a per-family default applies (see `defaultAnthropicMaxTokens`).
   */
  readonly defaultMaxTokens?: number;
  /**
   * Extended thinking for every call of this model (a call's `providerOptions.anthropic.thinking`
   * wins). Thinking blocks come back as reasoning parts with their signature.
   */
  readonly thinking?: AnthropicThinkingOptions;
  /**
   * Capabilities that replace the model catalogue's (for ids it does not know, or to switch a
   * capability off). Setting it also silences the unknown-model warning.
   */
  readonly capabilities?: Partial<ModelCapabilities>;
}
