import type { ChatModel, EmbeddingModel } from '../../core';
import { AiSdkChatModel } from './ai-sdk-chat-model';
import { AiSdkEmbeddingModel } from './ai-sdk-embedding-model';
import type {
  AiSdkEmbeddingModelSpec,
  AiSdkLanguageModel,
  FromAiSdkEmbeddingOptions,
  FromAiSdkOptions,
} from './ai-sdk-model.types';

/**
 * Any AI SDK language model (`@ai-sdk/provider` spec V2 or V3: Bedrock, Vertex, Mistral, Cohere,
 * and every other provider package) as a `ChatModel`, ready for `ConduitModule.forRoot({ models })`.
 * Nothing of the AI SDK is loaded by this library: the provider package is yours.
 *
 * @example
 * ```ts
 * import { createAmazonBedrock } from '@ai-sdk/amazon-bedrock';
 * const bedrock = createAmazonBedrock({ region: 'eu-west-1' });
 * ConduitModule.forRoot({
 *   models: { default: fromAiSdk(bedrock('anthropic.claude-3-5-sonnet-20241022-v2:0')) },
 * });
 * ```
 */
export function fromAiSdk(model: AiSdkLanguageModel, options?: FromAiSdkOptions): ChatModel {
  return new AiSdkChatModel(model, options);
}

/**
 * Any AI SDK embedding model (spec V2 `EmbeddingModelV2<string>` or V3) as an `EmbeddingModel`.
 *
 * @example
 * ```ts
 * import { openai } from '@ai-sdk/openai';
 * ConduitModule.forRoot({
 *   models: { default: fromAiSdk(openai('gpt-4o-mini')) },
 *   embeddingModels: { default: fromAiSdkEmbedding(openai.embedding('text-embedding-3-small')) },
 * });
 * ```
 */
export function fromAiSdkEmbedding(
  model: AiSdkEmbeddingModelSpec,
  options?: FromAiSdkEmbeddingOptions,
): EmbeddingModel {
  return new AiSdkEmbeddingModel(model, options);
}
