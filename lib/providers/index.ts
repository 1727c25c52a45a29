/**
 * nestjs-conduit providers: the model classes of each provider, and what writing your own stands on.
 * Each provider's own index keeps its wire mapping internal; this file picks the public names.
 * Re-exported by the package root (`lib/index.ts`).
 */
export {
  OpenAIChatModel,
  OpenAIEmbeddingModel,
  type OpenAIChatModelSettings,
  type OpenAIConnectionSettings,
  type OpenAIEmbeddingModelSettings,
} from './openai';
export {
  OpenAIResponsesChatModel,
  createOpenAIChatModel,
  type OpenAIModelSettings,
  type OpenAIResponsesModelSettings,
  type ResponsesReasoningEffort,
} from './openai-responses';
export {
  AnthropicChatModel,
  defaultAnthropicMaxTokens,
  type AnthropicCacheControlOptions,
  type AnthropicChatModelSettings,
  type AnthropicProviderOptions,
  type AnthropicThinkingOptions,
} from './anthropic';
export {
  GroqChatModel,
  readGroqMetadata,
  type GroqChatModelSettings,
  type GroqMetadata,
  type GroqTimings,
} from './groq';
export { XaiChatModel, type XaiChatModelSettings } from './xai';
export {
  GoogleChatModel,
  GoogleEmbeddingModel,
  GOOGLE_DEFAULT_BASE_URL,
  GOOGLE_MAX_EMBEDDING_BATCH,
  type GoogleChatModelSettings,
  type GoogleConnectionSettings,
  type GoogleEmbeddingModelSettings,
  type GoogleEmbeddingTaskType,
  type GoogleSchemaMode,
  type GoogleThinkingOptions,
} from './google';
export {
  OpenAICompatibleChatModel,
  openAICompatiblePreset,
  OPENAI_COMPATIBLE_PRESETS,
  type OpenAICompatibleModelSettings,
  type OpenAICompatiblePresetName,
  type OpenAICompatiblePresetSettings,
  OPENAI_COMPATIBLE_EMBEDDING_PRESETS,
  openAICompatibleEmbeddingPreset,
  type OpenAICompatibleEmbeddingPreset,
  type OpenAICompatibleEmbeddingPresetName,
  type OpenAICompatibleEmbeddingPresetSettings,
} from './openai-compatible';
// Azure OpenAI (v1 API or deployments; api-key or Entra ID) and the hosted OpenAI-compatible presets.
export {
  AzureChatModel,
  AzureEmbeddingModel,
  AZURE_DEFAULT_API_VERSION,
  azureFilteredCategories,
  type AzureChatModelSettings,
  type AzureConnectionSettings,
  type AzureContentFilterMetadata,
  type AzureEmbeddingModelSettings,
  type AzureTokenProvider,
} from './azure';
export {
  HOSTED_PROVIDER_PRESETS,
  type HostedChatModelSettings,
  type HostedProviderName,
  type HostedProviderPreset,
} from './openai-compatible';
export { MistralChatModel, mistralToolCallId } from './mistral';
export { DeepSeekChatModel, deepSeekReasoningIndexes } from './deepseek';
export {
  OpenRouterChatModel,
  readOpenRouterMetadata,
  type OpenRouterChatModelSettings,
  type OpenRouterMetadata,
  type OpenRouterReasoning,
} from './openrouter';
export { PerplexityChatModel, readPerplexityMetadata, type PerplexityMetadata } from './perplexity';
// Any Vercel AI SDK provider (spec V2 / V3) as a model; the AI SDK package is the user's.
export {
  AiSdkChatModel,
  AiSdkEmbeddingModel,
  fromAiSdk,
  fromAiSdkEmbedding,
  type AiSdkEmbeddingModelSpec,
  type AiSdkLanguageModel,
  type FromAiSdkEmbeddingOptions,
  type FromAiSdkOptions,
} from './ai-sdk';

// Writing your own provider (docs/providers.md): the base every provider here stands on, its HTTP
// client (keep-alive pools, size cap, deadlines, abort that closes the socket, key redaction) and
// the shared HTTP status -> typed error rule.
export {
  SseChatModel,
  type SseEndpoint,
  type SseStreamSetup,
  type SseWireBody,
} from './shared/sse-chat-model';
export type { SseStreamErrorContext, SseStreamState } from './shared/sse-event-reader';
export { HttpClient } from './shared/http-client';
export type {
  HttpClientOptions,
  HttpErrorMapper,
  HttpErrorResponse,
  HttpHeaders,
  HttpJsonResponse,
  HttpPostRequest,
  HttpResponseHead,
  HttpStreamCall,
  HttpStreamSink,
} from './shared/http-client.types';
export { mapHttpStatusError, type HttpStatusErrorInput } from './shared/map-http-status-error';
