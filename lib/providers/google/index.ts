export { GoogleChatModel } from './google-chat-model';
export { GoogleEmbeddingModel, GOOGLE_MAX_EMBEDDING_BATCH } from './google-embedding-model';
export {
  GOOGLE_DEFAULT_BASE_URL,
  type GoogleChatModelSettings,
  type GoogleConnectionSettings,
  type GoogleEmbeddingModelSettings,
  type GoogleEmbeddingTaskType,
  type GoogleSchemaMode,
  type GoogleThinkingOptions,
} from './google-settings.types';
