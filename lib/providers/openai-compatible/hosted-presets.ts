import type { OpenAICompatibleModelSettings } from './openai-compatible-settings.types';

/** The hosted services on the OpenAI Chat Completions wire that have a preset. */
export type HostedProviderName =
  'mistral' | 'deepseek' | 'openrouter' | 'together' | 'fireworks' | 'perplexity';

/** What a hosted preset fixes: the address, the key's environment variable and the API host. */
export interface HostedProviderPreset {
  /** The service's OpenAI-compatible base URL; requests go to `${baseUrl}/chat/completions`. */
  readonly baseUrl: string;
  /** Where the module factory reads the key when `apiKey` is not given. */
  readonly apiKeyEnv: string;
  /** The API's host: a key from the environment sent elsewhere draws a warning. */
  readonly host: string;
}

/**
 * The hosted presets. Mistral, DeepSeek, OpenRouter and Perplexity have a model class of their
 * own for their quirks (`MistralChatModel`, ...); Together and Fireworks speak the plain wire.
 */
export const HOSTED_PROVIDER_PRESETS: Readonly<Record<HostedProviderName, HostedProviderPreset>> = {
  mistral: {
    baseUrl: 'https://api.mistral.ai/v1',
    apiKeyEnv: 'MISTRAL_API_KEY',
    host: 'api.mistral.ai',
  },
  deepseek: {
    baseUrl: 'https://api.deepseek.com',
    apiKeyEnv: 'DEEPSEEK_API_KEY',
    host: 'api.deepseek.com',
  },
  openrouter: {
    baseUrl: 'https://openrouter.ai/api/v1',
    apiKeyEnv: 'OPENROUTER_API_KEY',
    host: 'openrouter.ai',
  },
  together: {
    baseUrl: 'https://api.together.xyz/v1',
    apiKeyEnv: 'TOGETHER_API_KEY',
    host: 'api.together.xyz',
  },
  fireworks: {
    baseUrl: 'https://api.fireworks.ai/inference/v1',
    apiKeyEnv: 'FIREWORKS_API_KEY',
    host: 'api.fireworks.ai',
  },
  perplexity: {
    baseUrl: 'https://api.perplexity.ai',
    apiKeyEnv: 'PERPLEXITY_API_KEY',
    host: 'api.perplexity.ai',
  },
};

/**
 * Settings of a model on a hosted preset: the model id, the key, and optionally another base URL
 * (a proxy) and capability flags. The preset fixes the provider name.
 */
export interface HostedChatModelSettings extends Omit<
  OpenAICompatibleModelSettings,
  'providerName' | 'baseUrl' | 'readMetadata' | 'finishBody' | 'organization' | 'project'
> {
  /** Defaults to the preset's address. */
  readonly baseUrl?: string;
}
