export { OpenAICompatibleChatModel } from './openai-compatible-chat-model';
export type { OpenAICompatibleModelSettings } from './openai-compatible-settings.types';
export {
  OPENAI_COMPATIBLE_PRESETS,
  openAICompatiblePreset,
  type OpenAICompatiblePresetName,
  type OpenAICompatiblePresetSettings,
} from './openai-compatible-presets';
export {
  OPENAI_COMPATIBLE_EMBEDDING_PRESETS,
  openAICompatibleEmbeddingPreset,
  type OpenAICompatibleEmbeddingPreset,
  type OpenAICompatibleEmbeddingPresetName,
  type OpenAICompatibleEmbeddingPresetSettings,
} from './openai-compatible-embedding-presets';
export {
  HOSTED_PROVIDER_PRESETS,
  type HostedChatModelSettings,
  type HostedProviderName,
  type HostedProviderPreset,
} from './hosted-presets';
