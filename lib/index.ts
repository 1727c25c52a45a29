/**
 * nestjs-conduit: the public API, grouped by concern. Test helpers live in `nestjs-conduit/testing`.
 */

// Core: messages, requests, responses, stream events, model interfaces, errors, interceptor contract.
export * from './core';

// The module and its options.
export { ConduitModule } from './conduit.module';
export type {
  ChatModelConfig,
  ConduitInterceptorEntry,
  ConduitModuleAsyncOptions,
  ConduitModuleOptions,
  ConduitModuleRootOptions,
  EmbeddingModelConfig,
  ModelProviderName,
  OpenAIChatModelConfig,
  OpenAIEmbeddingModelConfig,
  AnthropicChatModelConfig,
  GroqChatModelConfig,
  XaiChatModelConfig,
  OpenAICompatibleChatModelConfig,
} from './conduit-options.interface';
export { DEFAULT_MODEL_ALIAS, DEFAULT_TIMEOUT_MS } from './conduit.constants';

// Calls: chat, stream, embed.
export { ChatService } from './chat/chat.service';
export type { ChatOptions, EmbedOptions } from './chat/chat-options.types';

// Models by alias.
export { ModelRegistry } from './models/model-registry';
export { getChatModelToken, getEmbeddingModelToken } from './models/model-tokens';
export { InjectChatModel, InjectEmbeddingModel } from './models/inject-model.decorator';

// Providers.
export {
  OpenAIChatModel,
  OpenAIEmbeddingModel,
  type OpenAIChatModelSettings,
  type OpenAIConnectionSettings,
  type OpenAIEmbeddingModelSettings,
} from './providers/openai';
export {
  OpenAIResponsesChatModel,
  createOpenAIChatModel,
  type OpenAIModelSettings,
  type OpenAIResponsesModelSettings,
  type ResponsesReasoningEffort,
} from './providers/openai-responses';
export {
  AnthropicChatModel,
  defaultAnthropicMaxTokens,
  type AnthropicCacheControlOptions,
  type AnthropicChatModelSettings,
  type AnthropicProviderOptions,
  type AnthropicThinkingOptions,
} from './providers/anthropic';
export {
  GroqChatModel,
  readGroqMetadata,
  type GroqChatModelSettings,
  type GroqMetadata,
  type GroqTimings,
} from './providers/groq';
export { XaiChatModel, type XaiChatModelSettings } from './providers/xai';
export {
  OpenAICompatibleChatModel,
  openAICompatiblePreset,
  OPENAI_COMPATIBLE_PRESETS,
  type OpenAICompatibleModelSettings,
  type OpenAICompatiblePresetName,
  type OpenAICompatiblePresetSettings,
} from './providers/openai-compatible';

// Stream operators.
export { collectStream } from './streaming/collect-stream';
export { textDeltas } from './streaming/text-deltas';
export { toSse, type ToSseOptions } from './streaming/to-sse';

// Tools: @Tool() methods discovered by DI, their registry and executor, the request context.
export { Tool } from './tools/tool.decorator';
export { ToolParam, type ToolParamOptions } from './tools/tool-param.decorator';
export type {
  ConduitToolsOptions,
  ToolConcurrency,
  ToolOptions,
  ToolParameters,
} from './tools/tool-options.types';
export type { ToolContext } from './tools/tool-context.types';
export { TOOL_CONTEXT_TYPE, type ToolContextType } from './tools/tool.constants';
export { ToolRegistry } from './tools/tool.registry';
export type {
  RegisteredTool,
  ToolHandler,
  ToolRegistration,
  ToolSource,
} from './tools/registered-tool.types';
export type { ToolSelection } from './tools/tool-selection.types';
export { ToolExecutor } from './tools/tool-executor';
export type { ToolExecutionOptions } from './tools/tool-execution-options.types';
export { classToJsonSchema, toolParametersSchema } from './tools/tool-schema';
export { ConduitRequestContext, type ConduitRequestStore } from './tools/conduit-request-context';
export { ConduitRequestContextMiddleware } from './tools/conduit-request-context.middleware';
export { ConduitRequestContextInterceptor } from './tools/conduit-request-context.interceptor';
export type { ConduitFeatureOptions } from './tools/conduit-tools-feature.module';

// Agents: tool loops, streamed agent events, declared agents (@Agent() classes, AgentService.define()).
export { AgentService } from './agent/agent.service';
export { Agent, type AgentDeclaration } from './agent/agent.decorator';
export { ConduitAgent } from './agent/conduit-agent';
export { DeclaredAgent, type AgentInput } from './agent/declared-agent';
export {
  DEFAULT_MAX_ITERATIONS,
  type AgentOptions,
  type AgentRunOptions,
  type ToolApprover,
} from './agent/agent-options.types';
export type { AgentResult, AgentToolCallRecord } from './agent/agent-result.types';
export type {
  AgentEvent,
  AgentEventType,
  AgentFinishEvent,
  AgentIterationFinishEvent,
  AgentIterationStartEvent,
  AgentReasoningDeltaEvent,
  AgentResponseEvent,
  AgentTextDeltaEvent,
  AgentToolApprovalEvent,
  AgentToolCallFinishEvent,
  AgentToolCallStartEvent,
} from './agent/agent-event.types';
export {
  MaxIterationsExceededError,
  type AgentProgress,
} from './agent/max-iterations-exceeded.error';

// Structured output: validated objects, extraction, classification, partial objects, text parsers.
export {
  StructuredOutputService,
  type ClassifyCallOptions,
  type ExtractOptions,
} from './structured/structured-output.service';
export type {
  DeepPartial,
  GenerateObjectOptions,
  GenerateObjectResult,
  ObjectSchema,
  ResolvedStructuredMode,
  StructuredMode,
} from './structured/structured-options.types';
export {
  StructuredOutputError,
  type StructuredOutputErrorDetails,
} from './structured/structured-output.error';
export type {
  ObjectDoneEvent,
  ObjectRetryEvent,
  ObjectStreamEvent,
  PartialObjectEvent,
} from './structured/stream-object';
export type {
  ClassificationLabel,
  ClassificationResult,
  ClassifyOptions,
} from './structured/classify';
export {
  extractJson,
  findJson,
  type JsonKind,
  type JsonSearchResult,
} from './structured/parsers/extract-json';
export { parsePartialJson } from './structured/parsers/parse-partial-json';
export { extractList, type ExtractListOptions } from './structured/parsers/extract-list';
export {
  extractKeyValues,
  type ExtractKeyValuesOptions,
} from './structured/parsers/extract-key-values';
export { extractCodeBlocks, type CodeBlock } from './structured/parsers/extract-code-blocks';
export { OutputParseError, type OutputParseTarget } from './structured/parsers/output-parse.error';

// Memory: conversations by id (ChatService `conversationId`), strategies, stores, JSON export.
export { ConversationMemory } from './memory/conversation-memory';
export {
  ConversationMemoryService,
  type ConversationMemoryServiceOptions,
} from './memory/conversation-memory.service';
export { ConduitMemoryModule } from './memory/conduit-memory.module';
export type { ConduitMemoryOptions } from './memory/memory-options.types';
export type { MemoryChat, MemoryStrategy } from './memory/memory-strategy.interface';
export { FullHistoryStrategy } from './memory/full-history.strategy';
export {
  WindowedMemoryStrategy,
  windowMessages,
  type WindowedMemoryOptions,
} from './memory/windowed-memory.strategy';
export {
  DEFAULT_SUMMARY_PROMPT,
  SUMMARY_NOTE_PREFIX,
  SummarizingMemoryStrategy,
  type SummarizingMemoryOptions,
} from './memory/summarizing-memory.strategy';
export { ConversationStore } from './memory/conversation.store';
export {
  InMemoryConversationStore,
  type InMemoryConversationStoreOptions,
} from './memory/in-memory-conversation.store';
export {
  RedisConversationStore,
  type RedisConversationStoreOptions,
} from './memory/redis-conversation.store';
export type { RedisConversationClient } from './memory/redis-conversation-client.types';
export { CONVERSATION_EXPORT_FORMAT, parseConversationExport } from './memory/conversation-export';
export type {
  AppendOptions,
  ConversationEntry,
  ConversationExport,
  ConversationSummary,
  InterruptedMark,
  StoredConversation,
} from './memory/conversation.types';

// Interceptors (lib/interceptors): built-ins, their options and stores, cost tracking, debugging.
export { RetryInterceptor } from './interceptors/built-in/retry.interceptor';
export type { RetryInterceptorOptions } from './interceptors/built-in/retry-options.types';
export { isRetryableError, requestedRetryDelay } from './interceptors/built-in/is-retryable-error';
export { TimeoutInterceptor } from './interceptors/built-in/timeout.interceptor';
export { StreamIdleTimeoutInterceptor } from './interceptors/built-in/stream-idle-timeout.interceptor';
export type {
  StreamIdleTimeoutInterceptorOptions,
  TimeoutInterceptorOptions,
} from './interceptors/built-in/timeout-options.types';
export { LoggingInterceptor } from './interceptors/built-in/logging.interceptor';
export type {
  CallLogLine,
  LoggingInterceptorOptions,
} from './interceptors/built-in/logging-options.types';
export { ResponseCacheInterceptor } from './interceptors/built-in/response-cache.interceptor';
export type { ResponseCacheInterceptorOptions } from './interceptors/built-in/response-cache-options.types';
export { responseCacheKey } from './interceptors/built-in/response-cache-key';
export { ResponseCacheStore } from './interceptors/stores/response-cache.store';
export {
  InMemoryResponseCacheStore,
  type InMemoryResponseCacheStoreOptions,
} from './interceptors/stores/in-memory-response-cache.store';
export {
  RedisResponseCacheStore,
  type RedisResponseCacheStoreOptions,
} from './interceptors/stores/redis-response-cache.store';
export type { RedisClientLike } from './interceptors/stores/redis-client.types';
export { CostTrackingInterceptor } from './interceptors/built-in/cost-tracking.interceptor';
export type { CostTrackingInterceptorOptions } from './interceptors/built-in/cost-tracking-options.types';
export { CostTracker } from './interceptors/built-in/cost-tracker.service';
export { computeCost } from './interceptors/built-in/compute-cost';
export type {
  CostBreakdown,
  CostRecord,
  CostSummary,
  ModelPrice,
} from './interceptors/built-in/cost.types';
export { RateLimitInterceptor } from './interceptors/built-in/rate-limit.interceptor';
export type { RateLimitInterceptorOptions } from './interceptors/built-in/rate-limit-options.types';
export {
  RateLimitStore,
  type RateLimitDecision,
  type TokenBucketSpec,
} from './interceptors/stores/rate-limit.store';
export { InMemoryRateLimitStore } from './interceptors/stores/in-memory-rate-limit.store';
export {
  RedisRateLimitStore,
  type RedisRateLimitStoreOptions,
} from './interceptors/stores/redis-rate-limit.store';
export { KeepSystemFirstInterceptor } from './interceptors/built-in/keep-system-first.interceptor';
export { SlidingWindowInterceptor } from './interceptors/built-in/sliding-window.interceptor';
export { TokenLimitInterceptor } from './interceptors/built-in/token-limit.interceptor';
export type {
  SlidingWindowInterceptorOptions,
  TokenLimitInterceptorOptions,
} from './interceptors/built-in/message-shaping-options.types';
export {
  ConduitMetadataKeys,
  type RetryRecord,
} from './interceptors/built-in/conduit-metadata.keys';
export {
  COST_TRACKING_INTERCEPTOR_OPTIONS,
  LOGGING_INTERCEPTOR_OPTIONS,
  RATE_LIMIT_INTERCEPTOR_OPTIONS,
  RESPONSE_CACHE_INTERCEPTOR_OPTIONS,
  RETRY_INTERCEPTOR_OPTIONS,
  SLIDING_WINDOW_INTERCEPTOR_OPTIONS,
  STREAM_IDLE_TIMEOUT_INTERCEPTOR_OPTIONS,
  TIMEOUT_INTERCEPTOR_OPTIONS,
  TOKEN_LIMIT_INTERCEPTOR_OPTIONS,
} from './interceptors/built-in/built-in-options.tokens';
export type { ChatCallReport, ChatWithContext } from './chat/chat-with-context';

// Token counting (exact for OpenAI models, an estimate for others).
export {
  countMessageTokens,
  countTextTokens,
  countTokens,
  isExactTokenCount,
  type CountTokensOptions,
} from './tokens';

// Workflows: pipelines of steps, step builders, state graphs (routing, cycles, parallel branches,
// joins, hooks, checkpoints, subgraphs, Mermaid).
export type { AsyncStep, StepContext, StepFn, StepOutput } from './flow/step.types';
export { Pipeline, type PipelineRunOptions } from './flow/pipeline/pipeline';
export { PipelineStepError } from './flow/pipeline/pipeline-step.error';
export {
  branchStep,
  conditionalStep,
  loopStep,
  parallelStep,
  type BranchStepOptions,
  type LoopStepOptions,
} from './flow/steps/control-steps';
export { modelStep, type ChatCaller, type ModelStepOptions } from './flow/steps/model-step';
export { agentStep, type AgentRunner, type AgentStepOptions } from './flow/steps/agent-step';
export { renderTemplate } from './flow/steps/prompt-template';
export { FlowStepError } from './flow/steps/flow-step.error';
export { DEFAULT_MAX_STEPS, END, START } from './flow/graph/graph.constants';
export { StateGraph } from './flow/graph/state-graph';
export {
  CompiledGraph,
  type CompileGraphOptions,
  type NodeResolver,
} from './flow/graph/compiled-graph';
export { subgraphNode, type SubgraphNodeOptions } from './flow/graph/subgraph-node';
export type {
  GraphEvent,
  GraphHooks,
  GraphNode,
  GraphNodeFn,
  GraphRouter,
  GraphRunOptions,
  GraphRunResult,
  NodeContext,
  NodeSpec,
  NodeUpdate,
  StateReducer,
  StateReducers,
} from './flow/graph/graph.types';
export type { ConditionalEdge, GraphDefinition, JoinEdge } from './flow/graph/graph-definition';
export {
  GraphMaxStepsError,
  GraphNodeError,
  GraphRoutingError,
  GraphValidationError,
} from './flow/graph/graph-errors';
export { CheckpointStore, type GraphCheckpoint } from './flow/graph/checkpoint.store';
export { InMemoryCheckpointStore } from './flow/graph/in-memory-checkpoint.store';
export { toMermaid } from './flow/graph/graph-mermaid';
export { validateGraph } from './flow/graph/validate-graph';

// RAG (lib/rag): documents, splitters, loaders, embeddings, vector stores, retriever, RAG chain, module.
export type { Document, DocumentMetadata, MetadataValue, VectorRecord } from './rag/document.types';
export {
  TextSplitter,
  DEFAULT_CHUNK_OVERLAP,
  DEFAULT_CHUNK_SIZE,
} from './rag/splitters/text-splitter';
export {
  RecursiveCharacterTextSplitter,
  DEFAULT_SEPARATORS,
  type RecursiveCharacterTextSplitterOptions,
} from './rag/splitters/recursive-character-text-splitter';
export { SentenceTextSplitter, SENTENCE_END } from './rag/splitters/sentence-text-splitter';
export {
  MarkdownTextSplitter,
  type MarkdownTextSplitterOptions,
} from './rag/splitters/markdown-text-splitter';
export {
  TokenTextSplitter,
  type TokenTextSplitterOptions,
} from './rag/splitters/token-text-splitter';
export type { Separator, TextChunk, TextSplitterOptions } from './rag/splitters/text-chunk.types';
export { joinChunks } from './rag/splitters/join-chunks';
export { DocumentLoader } from './rag/loaders/document-loader';
export { TextFileLoader } from './rag/loaders/text-file-loader';
export { MarkdownFileLoader } from './rag/loaders/markdown-file-loader';
export { JsonLinesLoader, type JsonLinesLoaderOptions } from './rag/loaders/json-lines-loader';
export {
  HashedEmbeddingModel,
  type HashedEmbeddingModelOptions,
} from './rag/embeddings/hashed-embedding-model';
export { EmbeddingService, type EmbeddingRunOptions } from './rag/embeddings/embedding.service';
export type {
  EmbeddingDoneEvent,
  EmbeddingProgressEvent,
  EmbeddingRunEvent,
} from './rag/embeddings/embedding-progress.types';
export { VectorStore, type DistanceMetric, type VectorSearchHit } from './rag/stores/vector-store';
export type { FieldCondition, MetadataFilter } from './rag/stores/metadata-filter.types';
export { matchesFilter } from './rag/stores/match-filter';
export {
  InMemoryVectorStore,
  type InMemoryVectorStoreOptions,
} from './rag/stores/in-memory-vector-store';
export { HnswVectorStore } from './rag/stores/hnsw-vector-store';
export type { HnswVectorStoreOptions } from './rag/stores/hnsw-vector-store-options.types';
export { LanceDbVectorStore } from './rag/stores/lancedb-vector-store';
export type {
  LanceDbVectorStoreOptions,
  MetadataColumnType,
} from './rag/stores/lancedb-vector-store-options.types';
export { ChromaVectorStore, type ChromaVectorStoreOptions } from './rag/stores/chroma-vector-store';
export { Retriever, type RetrieverOptions } from './rag/retriever/retriever';
export type {
  MmrOptions,
  QueryEmbedder,
  RetrieveOptions,
} from './rag/retriever/retriever-options.types';
export type { RetrievedDocument } from './rag/retriever/retrieved-document.types';
export { maximalMarginalRelevance } from './rag/retriever/mmr';
export { RagChain, type RagToolOptions } from './rag/chain/rag-chain';
export type {
  ContextFormatter,
  RagAnswer,
  RagAskOptions,
  RagChainOptions,
  RagSourcesEvent,
  RagStreamEvent,
} from './rag/chain/rag-chain-options.types';
export { DEFAULT_RAG_TEMPLATE, formatContext } from './rag/chain/rag-prompt';
export { RagModule } from './rag/rag.module';
export type {
  RagModuleOptions,
  RetrieverRegistration,
  VectorStoreRegistration,
} from './rag/rag-module-options.types';
export { InjectRetriever, InjectVectorStore } from './rag/inject-vector-store.decorator';
export { getRetrieverToken, getVectorStoreToken } from './rag/rag.tokens';

// Operations (lib/ops): HTTP error mapping, OpenTelemetry spans, graceful shutdown options.
export { ConduitExceptionFilter } from './ops/conduit-exception.filter';
export { mapConduitErrorToHttp } from './ops/map-conduit-error-to-http';
export type { ConduitHttpError, ConduitHttpErrorBody } from './ops/conduit-http-error.types';
export { OpenTelemetryInterceptor } from './ops/open-telemetry.interceptor';
export {
  OPEN_TELEMETRY_INTERCEPTOR_OPTIONS,
  type OpenTelemetryInterceptorOptions,
  type TracerProviderLike,
} from './ops/open-telemetry-options.types';
export type { ConduitShutdownOptions } from './ops/conduit-shutdown-options.types';
