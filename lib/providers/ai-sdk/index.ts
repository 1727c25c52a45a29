export { fromAiSdk, fromAiSdkEmbedding } from './from-ai-sdk';
export { AiSdkChatModel } from './ai-sdk-chat-model';
export { AiSdkEmbeddingModel } from './ai-sdk-embedding-model';
export type {
  AiSdkEmbeddingModelSpec,
  AiSdkLanguageModel,
  FromAiSdkEmbeddingOptions,
  FromAiSdkOptions,
} from './ai-sdk-model.types';
