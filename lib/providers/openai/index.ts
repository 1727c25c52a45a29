export { OpenAIChatModel } from './openai-chat-model';
export { OpenAIEmbeddingModel } from './openai-embedding-model';
export type {
  OpenAIChatModelSettings,
  OpenAIConnectionSettings,
  OpenAIEmbeddingModelSettings,
} from './openai-settings.types';
