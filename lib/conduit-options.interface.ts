import type { ConfigurableModuleAsyncOptions, Type } from '@nestjs/common';
import type { ChatModel } from './core/chat-model.interface';
import type { ConduitInterceptor } from './core/conduit-interceptor.interface';
import type { EmbeddingModel } from './core/embedding-model.interface';
import type { ConduitToolsOptions } from './tools/tool-options.types';
import type { OpenAIEmbeddingModelSettings } from './providers/openai/openai-settings.types';
import type { OpenAIModelSettings } from './providers/openai-responses/create-openai-chat-model';
import type { AnthropicChatModelSettings } from './providers/anthropic/anthropic-settings.types';
import type { GroqChatModelSettings } from './providers/groq/groq-settings.types';
import type { XaiChatModelSettings } from './providers/xai/xai-settings.types';
import type { OpenAICompatibleModelSettings } from './providers/openai-compatible/openai-compatible-settings.types';
import type { OpenAICompatiblePresetName } from './providers/openai-compatible/openai-compatible-presets';
import type { ConduitShutdownOptions } from './ops/conduit-shutdown-options.types';

/**
 * An OpenAI (or OpenAI-compatible) chat model, built by the module. `apiKey` falls back to
 * `process.env.OPENAI_API_KEY`; it may be left out when `baseUrl` points at a local server that
 * needs no key (Ollama, vLLM).
 */
export interface OpenAIChatModelConfig extends OpenAIModelSettings {
  readonly provider: 'openai';
}

/** An Anthropic (Messages API) chat model. `apiKey` falls back to `process.env.ANTHROPIC_API_KEY`. */
export interface AnthropicChatModelConfig extends AnthropicChatModelSettings {
  readonly provider: 'anthropic';
}

/** A Groq chat model. `apiKey` falls back to `process.env.GROQ_API_KEY`. */
export interface GroqChatModelConfig extends GroqChatModelSettings {
  readonly provider: 'groq';
}

/** An xAI Grok chat model. `apiKey` falls back to `process.env.XAI_API_KEY`. */
export interface XaiChatModelConfig extends XaiChatModelSettings {
  readonly provider: 'xai';
}

/**
 * A model on a local OpenAI-compatible server (Ollama, vLLM, LM Studio, llama.cpp): give a
 * `preset` (its default local address and name) or a `baseUrl`. The key is optional
 * (`OPENAI_COMPATIBLE_API_KEY` when set); declare what the server supports with `capabilities`.
 */
export interface OpenAICompatibleChatModelConfig extends Omit<
  OpenAICompatibleModelSettings,
  'baseUrl'
> {
  readonly provider: 'openai-compatible';
  readonly preset?: OpenAICompatiblePresetName;
  readonly baseUrl?: string;
}

/** An OpenAI (or OpenAI-compatible) embedding model, built by the module. Same key rules as chat. */
export interface OpenAIEmbeddingModelConfig extends OpenAIEmbeddingModelSettings {
  readonly provider: 'openai';
}

/** A chat model described as data; `provider` picks the implementation. */
export type ChatModelConfig =
  | OpenAIChatModelConfig
  | AnthropicChatModelConfig
  | GroqChatModelConfig
  | XaiChatModelConfig
  | OpenAICompatibleChatModelConfig;

/** An embedding model described as data; `provider` picks the implementation. */
export type EmbeddingModelConfig = OpenAIEmbeddingModelConfig;

/**
 * The provider names the module can build models for. Every provider has chat models; the ones
 * with embeddings are a subset.
 */
export type ModelProviderName = ChatModelConfig['provider'];

/**
 * An interceptor given in the options: a class (resolved from DI once at bootstrap, so it can
 * inject services: the provider instance if some module provides it, otherwise created with
 * `ModuleRef.create`) or a ready-made instance (used as is).
 */
export type ConduitInterceptorEntry = Type<ConduitInterceptor> | ConduitInterceptor;

/**
 * Options of `ConduitModule.forRoot` (and what a `forRootAsync` factory returns). Validated once at
 * bootstrap: a problem fails the application start with one `ConduitValidationError` listing every
 * `path: problem`.
 *
 * @example
 * ```ts
 * ConduitModule.forRoot({
 *   models: {
 *     default: { provider: 'openai', model: 'gpt-4o-mini' },
 *     local: { provider: 'openai', model: 'llama3.1', baseUrl: 'http://127.0.0.1:11434/v1' },
 *   },
 *   embeddingModels: { default: { provider: 'openai', model: 'text-embedding-3-small' } },
 *   interceptors: [LoggingInterceptor],
 *   timeoutMs: 60_000,
 * });
 * ```
 */
export interface ConduitModuleOptions {
  /** Chat models by alias: a configuration or a ready-made `ChatModel`. `default` is required. */
  readonly models: Readonly<Record<string, ChatModelConfig | ChatModel>>;
  /** Embedding models by alias. When given, `default` is required. */
  readonly embeddingModels?: Readonly<Record<string, EmbeddingModelConfig | EmbeddingModel>>;
  /** Interceptors around every call (outermost). */
  readonly interceptors?: readonly ConduitInterceptorEntry[];
  /** Interceptors around the chat and stream calls of one chat model alias (inside the global ones). */
  readonly modelInterceptors?: Readonly<Record<string, readonly ConduitInterceptorEntry[]>>;
  /** Interceptors around the calls of one embedding model alias (inside the global ones). */
  readonly embeddingModelInterceptors?: Readonly<
    Record<string, readonly ConduitInterceptorEntry[]>
  >;
  /**
   * Overall timeout of one call (a whole stream included), in milliseconds. Defaults to 600000
   * (10 minutes, like openai-node); `0` disables it. A call's own `timeoutMs` wins.
   */
  readonly timeoutMs?: number;
  /**
   * `@Tool()` discovery and execution defaults: `discovery` (`'all'` | `'feature'`), `timeoutMs`,
   * `maxArgumentsBytes`, `concurrency`. See `ConduitToolsOptions`.
   */
  readonly tools?: ConduitToolsOptions;
  /**
   * What `app.close()` does with calls still running (lib/ops): `{ mode: 'drain' }` (default) lets
   * them finish, `{ mode: 'abort' }` fails them with `AbortedError`; `drainTimeoutMs` (default
   * 10 000) bounds the drain. Every keep-alive socket is closed either way.
   */
  readonly shutdown?: ConduitShutdownOptions;
}

/** Options of `ConduitModule.forRoot`: the module options plus `isGlobal`. */
export interface ConduitModuleRootOptions extends ConduitModuleOptions {
  /** Register the module globally so every module can inject `ChatService`. Defaults to false. */
  readonly isGlobal?: boolean;
}

/**
 * Options of `ConduitModule.forRootAsync`: Nest's usual `imports` + `inject` + `useFactory`
 * (or `useClass` / `useExisting` of a class with `create()` returning the options).
 *
 * The model aliases are unknown until the factory runs, so injection tokens
 * (`@InjectChatModel(alias)`) exist only for the aliases listed here: the chat model `default`
 * always, plus `chatModelAliases` and `embeddingModelAliases`. Every alias stays reachable through
 * `ModelRegistry` and `ChatService` either way. A listed alias the factory does not configure fails
 * the bootstrap.
 */
export interface ConduitModuleAsyncOptions extends ConfigurableModuleAsyncOptions<
  ConduitModuleOptions,
  'create'
> {
  /** Register the module globally. Defaults to false. */
  readonly isGlobal?: boolean;
  /** Chat model aliases to expose as injection tokens besides `default`. */
  readonly chatModelAliases?: readonly string[];
  /** Embedding model aliases to expose as injection tokens (`default` only when listed). */
  readonly embeddingModelAliases?: readonly string[];
}
