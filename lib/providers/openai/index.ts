export { OpenAIChatModel } from './openai-chat-model';
export { OpenAIEmbeddingModel } from './openai-embedding-model';
export type {
  OpenAIChatModelSettings,
  OpenAIConnectionSettings,
} from '../shared/openai-wire/openai-settings.types';
export type { OpenAIEmbeddingModelSettings } from './openai-settings.types';
