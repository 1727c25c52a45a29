import type { ChatModel } from '../core/chat-model.interface';
import type { EmbeddingModel } from '../core/embedding-model.interface';
import type { RetrySetting } from '../core/retry-options.types';
import type { AnthropicChatModelSettings } from '../providers/anthropic/anthropic-settings.types';
import type { GroqChatModelSettings } from '../providers/groq/groq-settings.types';
import type { OpenAICompatibleEmbeddingPresetName } from '../providers/openai-compatible/openai-compatible-embedding-presets';
import type { OpenAICompatiblePresetName } from '../providers/openai-compatible/openai-compatible-presets';
import type { OpenAICompatibleModelSettings } from '../providers/openai-compatible/openai-compatible-settings.types';
import type { OpenAIModelSettings } from '../providers/openai-responses/create-openai-chat-model';
import type { OpenAIEmbeddingModelSettings } from '../providers/openai/openai-settings.types';
import type { XaiChatModelSettings } from '../providers/xai/xai-settings.types';
import type {
  GoogleChatModelSettings,
  GoogleEmbeddingModelSettings,
} from '../providers/google/google-settings.types';
import type {
  AzureChatModelSettings,
  AzureEmbeddingModelSettings,
} from '../providers/azure/azure-settings.types';
import type {
  HostedChatModelSettings,
  HostedProviderName,
} from '../providers/openai-compatible/hosted-presets';
import type { OpenRouterChatModelSettings } from '../providers/openrouter/openrouter-settings.types';
import type { DeploymentStrategy } from './deployments/deployment-strategy';

/** What every model configuration may add to its provider's settings. */
export interface ModelConfigCommon {
  /**
   * The built-in retry for this alias's calls (replaces the module's `retry`; a call's own `retry`
   * wins over it): `false` turns it off, an object sets it (`{ maxRetries: 4 }`). A ready-made
   * model instance has no config: use the module's `modelRetry` / `embeddingModelRetry` for it.
   */
  readonly retry?: RetrySetting;
}

/**
 * An OpenAI (or OpenAI-compatible) chat model, built by the module. `apiKey` falls back to
 * `process.env.OPENAI_API_KEY`; it may be left out when `baseUrl` points at a local server that
 * needs no key (Ollama, vLLM).
 */
export interface OpenAIChatModelConfig extends OpenAIModelSettings, ModelConfigCommon {
  readonly provider: 'openai';
}

/** An Anthropic (Messages API) chat model. `apiKey` falls back to `process.env.ANTHROPIC_API_KEY`. */
export interface AnthropicChatModelConfig extends AnthropicChatModelSettings, ModelConfigCommon {
  readonly provider: 'anthropic';
}

/** A Groq chat model. `apiKey` falls back to `process.env.GROQ_API_KEY`. */
export interface GroqChatModelConfig extends GroqChatModelSettings, ModelConfigCommon {
  readonly provider: 'groq';
}

/** An xAI Grok chat model. `apiKey` falls back to `process.env.XAI_API_KEY`. */
export interface XaiChatModelConfig extends XaiChatModelSettings, ModelConfigCommon {
  readonly provider: 'xai';
}

/**
 * A model on a local OpenAI-compatible server (Ollama, vLLM, LM Studio, llama.cpp): give a
 * `preset` (its default local address and name) or a `baseUrl`. The key is optional
 * (`OPENAI_COMPATIBLE_API_KEY` when set); declare what the server supports with `capabilities`.
 */
export interface OpenAICompatibleChatModelConfig
  extends Omit<OpenAICompatibleModelSettings, 'baseUrl'>, ModelConfigCommon {
  readonly provider: 'openai-compatible';
  readonly preset?: OpenAICompatiblePresetName;
  readonly baseUrl?: string;
}

/**
 * An Azure OpenAI chat model (v1 API, or a `deployment` with `api-version`). `apiKey` falls back
 * to `AZURE_OPENAI_API_KEY` unless `getToken` signs in with Entra ID; `endpoint` to
 * `AZURE_OPENAI_ENDPOINT`, then `resourceName` to `AZURE_OPENAI_RESOURCE_NAME`.
 */
export interface AzureChatModelConfig extends AzureChatModelSettings, ModelConfigCommon {
  readonly provider: 'azure';
}

/** An Azure OpenAI embedding model; the same key and endpoint rules as `AzureChatModelConfig`. */
export interface AzureEmbeddingModelConfig extends AzureEmbeddingModelSettings, ModelConfigCommon {
  readonly provider: 'azure';
}

/**
 * A model on a hosted OpenAI-compatible service with a preset: Mistral, DeepSeek, Together,
 * Fireworks or Perplexity (OpenRouter has `OpenRouterChatModelConfig`). The key falls back to the
 * preset's variable (`MISTRAL_API_KEY`, `DEEPSEEK_API_KEY`, `TOGETHER_API_KEY`,
 * `FIREWORKS_API_KEY`, `PERPLEXITY_API_KEY`).
 */
export interface HostedChatModelConfig<P extends HostedProviderName>
  extends HostedChatModelSettings, ModelConfigCommon {
  readonly provider: P;
}

/** An OpenRouter chat model. `apiKey` falls back to `process.env.OPENROUTER_API_KEY`. */
export interface OpenRouterChatModelConfig extends OpenRouterChatModelSettings, ModelConfigCommon {
  readonly provider: 'openrouter';
}

/** The hosted presets configured with `HostedChatModelConfig`, one member each. */
export type HostedPresetChatModelConfig = {
  readonly [P in Exclude<HostedProviderName, 'openrouter'>]: HostedChatModelConfig<P>;
}[Exclude<HostedProviderName, 'openrouter'>];

/**
 * A Google Gemini chat model (Generative Language API). `apiKey` falls back to
 * `process.env.GEMINI_API_KEY`, then `GOOGLE_API_KEY`.
 */
export interface GoogleChatModelConfig extends GoogleChatModelSettings, ModelConfigCommon {
  readonly provider: 'google';
}

/** A Gemini embedding model (`gemini-embedding-001`); the same key rules as `GoogleChatModelConfig`. */
export interface GoogleEmbeddingModelConfig
  extends GoogleEmbeddingModelSettings, ModelConfigCommon {
  readonly provider: 'google';
}

/** An OpenAI (or OpenAI-compatible) embedding model, built by the module. Same key rules as chat. */
export interface OpenAIEmbeddingModelConfig
  extends OpenAIEmbeddingModelSettings, ModelConfigCommon {
  readonly provider: 'openai';
}

/** A chat model described as data; `provider` picks the implementation. */
export type ChatModelConfig =
  | OpenAIChatModelConfig
  | AnthropicChatModelConfig
  | GroqChatModelConfig
  | XaiChatModelConfig
  | GoogleChatModelConfig
  | OpenAICompatibleChatModelConfig
  | AzureChatModelConfig
  | OpenRouterChatModelConfig
  | HostedPresetChatModelConfig;

/** `Omit<C, 'retry'>` for each member of a union (a plain Omit would merge the members). */
type WithoutRetry<C> = C extends unknown ? Omit<C, 'retry'> : never;

/**
 * One deployment of a `deployments` alias: a chat model configuration (its own provider, model,
 * key, base URL) with an optional name and weight. `retry` belongs to the alias, not here.
 */
export type ChatDeploymentConfig = WithoutRetry<ChatModelConfig> & {
  /** Shown in logs and cost records (default `provider:model#n`); never put a key in it. */
  readonly name?: string;
  /** Share of the calls under the `weighted` strategy, a positive number (default 1). */
  readonly weight?: number;
};

/**
 * Several deployments of one model behind one alias (keys, accounts, regions, self-hosted
 * servers): each call goes to one of them by `strategy` (default `round-robin`), and a 429 on one
 * moves the call to the next at once. See `DeploymentPoolChatModel`.
 */
export interface DeploymentsChatModelConfig extends ModelConfigCommon {
  readonly deployments: readonly ChatDeploymentConfig[];
  readonly strategy?: DeploymentStrategy;
}

/**
 * An embedding model on a local OpenAI-compatible server (Ollama, TEI, Infinity, vLLM, LM Studio,
 * llama.cpp): give a `preset` (its default local address, batch limit and name; see
 * `openAICompatibleEmbeddingPreset`) or a `baseUrl`. The key is optional
 * (`OPENAI_COMPATIBLE_API_KEY` when set).
 */
export interface OpenAICompatibleEmbeddingModelConfig
  extends Omit<OpenAIEmbeddingModelSettings, 'baseUrl'>, ModelConfigCommon {
  readonly provider: 'openai-compatible';
  readonly preset?: OpenAICompatibleEmbeddingPresetName;
  readonly baseUrl?: string;
}

/** An embedding model described as data; `provider` picks the implementation. */
export type EmbeddingModelConfig =
  | OpenAIEmbeddingModelConfig
  | OpenAICompatibleEmbeddingModelConfig
  | GoogleEmbeddingModelConfig
  | AzureEmbeddingModelConfig;

/**
 * The provider names the module can build models for. Every provider has chat models; the ones
 * with embeddings are a subset.
 */
export type ModelProviderName = ChatModelConfig['provider'];

/**
 * The models part of `ConduitModuleOptions`: what the model registry is built from. Kept here, not
 * in the root options file, so this floor never imports the file that composes every floor's part.
 */
export interface ModelsModuleOptions {
  /** Chat models by alias: a configuration or a ready-made `ChatModel`. `default` is required. */
  readonly models: Readonly<
    Record<string, ChatModelConfig | DeploymentsChatModelConfig | ChatModel>
  >;
  /** Embedding models by alias. When given, `default` is required. */
  readonly embeddingModels?: Readonly<Record<string, EmbeddingModelConfig | EmbeddingModel>>;
}
