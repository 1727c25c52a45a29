import type {
  ChatModelConfig,
  EmbeddingModelConfig,
  ModelProviderName,
} from './model-options.types';
import type { ChatModel } from '../core/chat-model.interface';
import type { EmbeddingModel } from '../core/embedding-model.interface';
import { OpenAIEmbeddingModel } from '../providers/openai';
import { AnthropicChatModel } from '../providers/anthropic';
import { GroqChatModel } from '../providers/groq';
import { XaiChatModel } from '../providers/xai';
import { GoogleChatModel, GoogleEmbeddingModel } from '../providers/google';
import { createOpenAIChatModel } from '../providers/openai-responses';
import {
  HOSTED_PROVIDER_PRESETS,
  OpenAICompatibleChatModel,
  OPENAI_COMPATIBLE_PRESETS,
  openAICompatibleEmbeddingPreset,
  type HostedChatModelSettings,
  type HostedProviderName,
} from '../providers/openai-compatible';
import { AzureChatModel, AzureEmbeddingModel } from '../providers/azure';
import { MistralChatModel } from '../providers/mistral';
import { DeepSeekChatModel } from '../providers/deepseek';
import { OpenRouterChatModel } from '../providers/openrouter';
import { PerplexityChatModel } from '../providers/perplexity';

/** A model configuration without its `provider` tag, with the API key already resolved. */
type SettingsOf<C> = C extends { readonly provider: string } ? Omit<C, 'provider'> : never;

/** How the module builds the models of one provider from their configuration. */
export interface ModelFactory<P extends ModelProviderName = ModelProviderName> {
  /** Environment variable the API key falls back to (named in the error when both are missing). */
  readonly apiKeyEnv: string;
  /** Variables read, in order, when `apiKeyEnv` is unset or empty (Gemini's `GOOGLE_API_KEY`). */
  readonly apiKeyEnvFallbacks?: readonly string[];
  /**
   * The provider's own API hosts. A key read from `apiKeyEnv` that goes to a `baseUrl` on another
   * host draws one warning at bootstrap (a proxy may be meant; a local server given by mistake
   * would receive the real key). Absent: any host is expected (openai-compatible).
   */
  readonly officialHosts?: readonly string[];
  /**
   * Whether a missing key (no `apiKey`, no env variable, no `baseUrl`) fails the bootstrap. False
   * for local servers, which usually need none.
   */
  readonly apiKeyRequired: boolean;
  /**
   * True when this configuration signs in without a key (Azure's `getToken`): the key's variable
   * is then neither read nor required.
   */
  readonly signsInWithoutKey?: (config: Readonly<Record<string, unknown>>) => boolean;
  /**
   * Settings besides the key read from the environment when the configuration leaves them out
   * (Azure's endpoint); they fill only what the configuration does not set.
   */
  readonly environmentSettings?: (
    config: Readonly<Record<string, unknown>>,
    env: Readonly<Record<string, string | undefined>>,
  ) => Readonly<Record<string, string>>;
  /** Builds a chat model; `settings.apiKey` is already resolved from the environment. */
  createChatModel(settings: SettingsOf<Extract<ChatModelConfig, { provider: P }>>): ChatModel;
  /** Builds an embedding model; absent for providers without embeddings. */
  createEmbeddingModel?(
    settings: SettingsOf<Extract<EmbeddingModelConfig, { provider: P }>>,
  ): EmbeddingModel;
}

/**
 * The providers the module can build models for, one entry each. Adding a provider (anthropic,
 * groq, xai, openai-compatible) means one config type in the `ChatModelConfig` union and one entry
 * here; validation and the registry read this map.
 */
export const MODEL_FACTORIES: { readonly [P in ModelProviderName]: ModelFactory<P> } = {
  openai: {
    apiKeyEnv: 'OPENAI_API_KEY',
    apiKeyRequired: true,
    officialHosts: ['api.openai.com'],
    createChatModel: (settings) => createOpenAIChatModel(settings),
    createEmbeddingModel: (settings) => new OpenAIEmbeddingModel(settings),
  },
  anthropic: {
    apiKeyEnv: 'ANTHROPIC_API_KEY',
    apiKeyRequired: true,
    officialHosts: ['api.anthropic.com'],
    createChatModel: (settings) => new AnthropicChatModel(settings),
  },
  groq: {
    apiKeyEnv: 'GROQ_API_KEY',
    apiKeyRequired: true,
    officialHosts: ['api.groq.com'],
    createChatModel: (settings) => new GroqChatModel(settings),
  },
  xai: {
    apiKeyEnv: 'XAI_API_KEY',
    apiKeyRequired: true,
    officialHosts: ['api.x.ai'],
    createChatModel: (settings) => new XaiChatModel(settings),
  },
  azure: {
    apiKeyEnv: 'AZURE_OPENAI_API_KEY',
    apiKeyRequired: true,
    signsInWithoutKey: (config) => config['getToken'] !== undefined,
    environmentSettings: azureEnvironment,
    createChatModel: (settings) => new AzureChatModel(settings),
    createEmbeddingModel: (settings) => new AzureEmbeddingModel(settings),
  },
  mistral: hostedFactory('mistral', (settings) => new MistralChatModel(settings)),
  deepseek: hostedFactory('deepseek', (settings) => new DeepSeekChatModel(settings)),
  openrouter: {
    ...hostedFactory('openrouter'),
    createChatModel: (settings) => new OpenRouterChatModel(settings),
  },
  together: hostedFactory('together'),
  fireworks: hostedFactory('fireworks'),
  perplexity: hostedFactory('perplexity', (settings) => new PerplexityChatModel(settings)),
  google: {
    apiKeyEnv: 'GEMINI_API_KEY',
    apiKeyEnvFallbacks: ['GOOGLE_API_KEY'],
    apiKeyRequired: true,
    officialHosts: ['generativelanguage.googleapis.com'],
    createChatModel: (settings) => new GoogleChatModel(settings),
    createEmbeddingModel: (settings) => new GoogleEmbeddingModel(settings),
  },
  'openai-compatible': {
    apiKeyEnv: 'OPENAI_COMPATIBLE_API_KEY',
    apiKeyRequired: false,
    createChatModel: ({ preset, baseUrl, ...rest }) =>
      new OpenAICompatibleChatModel({
        ...rest,
        // validateModelConfig guarantees one of the two.
        baseUrl: baseUrl ?? OPENAI_COMPATIBLE_PRESETS[preset ?? 'ollama'].baseUrl,
        providerName: rest.providerName ?? preset ?? 'openai-compatible',
      }),
    // A preset's address, batch limit and float arrays; a bare baseUrl keeps OpenAI's defaults.
    createEmbeddingModel: ({ preset, baseUrl, ...rest }) =>
      preset === undefined
        ? new OpenAIEmbeddingModel({
            ...rest,
            // validateModelConfig guarantees a baseUrl without a preset.
            baseUrl: baseUrl ?? '',
            providerName: rest.providerName ?? 'openai-compatible',
          })
        : openAICompatibleEmbeddingPreset({
            ...rest,
            preset,
            ...(baseUrl !== undefined && { baseUrl }),
          }),
  },
};

/** The factory of a hosted preset: its key variable and host, and the model class that speaks it. */
function hostedFactory<P extends HostedProviderName>(
  name: P,
  create: (settings: HostedChatModelSettings) => ChatModel = (settings) =>
    new OpenAICompatibleChatModel({
      ...settings,
      baseUrl: settings.baseUrl ?? HOSTED_PROVIDER_PRESETS[name].baseUrl,
      providerName: name,
    }),
): ModelFactory<P> {
  const preset = HOSTED_PROVIDER_PRESETS[name];
  return {
    apiKeyEnv: preset.apiKeyEnv,
    apiKeyRequired: true,
    officialHosts: [preset.host],
    createChatModel: (settings) => create(settings as HostedChatModelSettings),
  };
}

/**
 * Azure's endpoint from `AZURE_OPENAI_ENDPOINT`, else its resource name from
 * `AZURE_OPENAI_RESOURCE_NAME`, when the configuration names neither (nor a `baseUrl`).
 */
function azureEnvironment(
  config: Readonly<Record<string, unknown>>,
  env: Readonly<Record<string, string | undefined>>,
): Readonly<Record<string, string>> {
  if (config['endpoint'] !== undefined || config['resourceName'] !== undefined) return {};
  if (config['baseUrl'] !== undefined) return {};
  const endpoint = env['AZURE_OPENAI_ENDPOINT'];
  if (endpoint !== undefined && endpoint !== '') return { endpoint };
  const resourceName = env['AZURE_OPENAI_RESOURCE_NAME'];
  return resourceName !== undefined && resourceName !== '' ? { resourceName } : {};
}

/**
 * The variable a provider's key is read from: `apiKeyEnv`, else the first of `apiKeyEnvFallbacks`
 * that is set (empty values count as unset); `undefined` when none is.
 */
export function envApiKeyName(
  factory: Pick<ModelFactory, 'apiKeyEnv' | 'apiKeyEnvFallbacks'>,
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  return [factory.apiKeyEnv, ...(factory.apiKeyEnvFallbacks ?? [])].find(
    (name) => env[name] !== undefined && env[name] !== '',
  );
}

/** The key a provider's environment holds (see `envApiKeyName`), or `undefined`. */
export function readEnvApiKey(
  factory: Pick<ModelFactory, 'apiKeyEnv' | 'apiKeyEnvFallbacks'>,
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  const name = envApiKeyName(factory, env);
  return name === undefined ? undefined : env[name];
}

/** The provider names, for error messages. */
export function knownProviderNames(): readonly string[] {
  return Object.keys(MODEL_FACTORIES);
}

/** Type guard: is `name` a provider the module can build models for. */
export function isModelProviderName(name: unknown): name is ModelProviderName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(MODEL_FACTORIES, name);
}
