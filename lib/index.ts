/**
 * nestjs-conduit: the public API, grouped by concern. Test helpers live in `nestjs-conduit/testing`.
 */

// Core: messages, requests, responses, stream events, model interfaces, errors, interceptor contract.
// Every core type is public; its runtime values are listed by name, so an internal helper (secret
// redaction, catalogue tables, warning plumbing) never becomes public by accident.
export type * from './core';
export {
  AbortedError,
  AuthenticationError,
  BudgetExceededError,
  CircuitOpenError,
  ConduitError,
  ConduitValidationError,
  ConnectionError,
  ContentFilterError,
  ContextLengthExceededError,
  GuardrailViolationError,
  InvalidRequestError,
  InvalidResponseError,
  NotFoundError,
  PermissionDeniedError,
  ProviderError,
  QuotaExceededError,
  RateLimitError,
  RateLimitExceededError,
  ResponseTooLargeError,
  ServerError,
  TimeoutError,
  ToolUseFailedError,
  UnsupportedContentError,
  describeErrorForClient,
  findModelInfo,
  isChatModel,
  isEmbeddingModel,
} from './core';

// The module and its options.
export { ConduitModule } from './conduit.module';
export type {
  ChatDeploymentConfig,
  ChatModelConfig,
  ConduitInterceptorEntry,
  DeploymentsChatModelConfig,
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
  GoogleChatModelConfig,
  GoogleEmbeddingModelConfig,
  AzureChatModelConfig,
  AzureEmbeddingModelConfig,
  HostedChatModelConfig,
  HostedPresetChatModelConfig,
  OpenRouterChatModelConfig,
  OpenAICompatibleChatModelConfig,
  OpenAICompatibleEmbeddingModelConfig,
} from './conduit-options.interface';
export { DEFAULT_MODEL_ALIAS, DEFAULT_TIMEOUT_MS } from './conduit.constants';

// Calls: chat, stream, embed.
export { ChatService } from './chat/chat.service';
export type { ChatOptions, EmbedOptions } from './chat/chat-options.types';

// Uploads as message parts: an @UploadedFile() becomes a file, image or audio part (sniffed type).
export { FileToPartPipe, type UploadedPart } from './chat/uploads/file-to-part.pipe';
export type { FileToPartOptions } from './chat/uploads/file-to-part-options.types';
export { InvalidUploadError, type InvalidUploadReason } from './chat/uploads/invalid-upload.error';
export { sniffMediaType, type SniffedMediaType } from './chat/uploads/sniff-media-type';
export type { UploadedFileLike } from './chat/uploads/uploaded-file.types';

// Several deployments or keys behind one alias.
export {
  DeploymentPoolChatModel,
  type DeploymentPoolOptions,
  type PoolDeployment,
} from './models/deployments/deployment-pool-chat-model';
export type { DeploymentStrategy } from './models/deployments/deployment-strategy';

// Fallback chains and circuit breakers.
export type {
  CircuitBreakerOptions,
  CircuitPolicySetting,
  FailureRateSetting,
  ErrorClass,
  FallbackAttempt,
  FallbackModuleOptions,
} from './chat/fallback-options.types';
export {
  CircuitStore,
  type CircuitPermit,
  type CircuitPolicy,
  type CircuitStatus,
  type FailureRatePolicy,
} from './chat/circuit-store';
export {
  ConduitHealthIndicator,
  type AliasHealth,
  type ConduitHealthOptions,
  type ConduitHealthResult,
} from './chat/conduit-health.indicator';
export {
  InMemoryCircuitStore,
  type InMemoryCircuitStoreOptions,
} from './chat/in-memory-circuit.store';
export { RedisCircuitStore, type RedisCircuitStoreOptions } from './chat/redis-circuit.store';

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
} from './providers/google';
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
} from './providers/openai-compatible';
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
} from './providers/azure';
export {
  HOSTED_PROVIDER_PRESETS,
  type HostedChatModelSettings,
  type HostedProviderName,
  type HostedProviderPreset,
} from './providers/openai-compatible';
export { MistralChatModel, mistralToolCallId } from './providers/mistral';
export { DeepSeekChatModel, deepSeekReasoningIndexes } from './providers/deepseek';
export {
  OpenRouterChatModel,
  readOpenRouterMetadata,
  type OpenRouterChatModelSettings,
  type OpenRouterMetadata,
  type OpenRouterReasoning,
} from './providers/openrouter';
export {
  PerplexityChatModel,
  readPerplexityMetadata,
  type PerplexityMetadata,
} from './providers/perplexity';
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
} from './providers/ai-sdk';

// Writing your own provider (docs/providers.md): the base every provider here stands on, its HTTP
// client (keep-alive pools, size cap, deadlines, abort that closes the socket, key redaction) and
// the shared HTTP status -> typed error rule.
export {
  SseChatModel,
  type SseEndpoint,
  type SseStreamSetup,
  type SseWireBody,
} from './providers/shared/sse-chat-model';
export type { SseStreamErrorContext, SseStreamState } from './providers/shared/sse-event-reader';
export { HttpClient } from './providers/shared/http-client';
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
} from './providers/shared/http-client.types';
export {
  mapHttpStatusError,
  type HttpStatusErrorInput,
} from './providers/shared/map-http-status-error';

// Stream operators.
export { collectStream } from './streaming/collect-stream';
export { textDeltas } from './streaming/text-deltas';
export {
  toSse,
  type IdentifiedSseEvent,
  type SseSourceEvent,
  type ToSseOptions,
} from './streaming/to-sse';
export {
  toWsEvents,
  type ToWsEventsOptions,
  type WsStreamResponse,
} from './streaming/to-ws-events';
export type {
  SocketIoLikeClient,
  WebSocketLikeClient,
  WsClient,
} from './streaming/ws-client.types';
export { toAsyncIterator } from './streaming/to-async-iterator';
export { coalesceDeltas } from './streaming/coalesce-deltas';
export { SseBatchingInterceptor } from './streaming/sse-batching.interceptor';

// Tools: @Tool() methods discovered by DI, their registry and executor, the request context.
export { Tool } from './tools/tool.decorator';
export { ToolParam, type ToolParamOptions } from './tools/tool-param.decorator';
export type {
  ConduitToolsOptions,
  ToolConcurrency,
  ToolErrorMessages,
  ToolOptions,
  ToolParameters,
} from './tools/tool-options.types';
export { ToolError, type ToolErrorOptions } from './tools/tool.error';
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

// Durable agent runs: saved after every model call and tool result, suspended on approvals,
// continued on any replica (docs/durable-runs.md).
export { AgentRunStore, type PruneRunsOptions } from './agent/runs/agent-run.store';
export {
  InMemoryAgentRunStore,
  type InMemoryAgentRunStoreOptions,
} from './agent/runs/in-memory-agent-run.store';
export {
  RedisAgentRunStore,
  type RedisAgentRunStoreOptions,
} from './agent/runs/redis-agent-run.store';
export type { RedisAgentRunClient } from './agent/runs/redis-agent-run-client.types';
export {
  PostgresAgentRunStore,
  type PostgresAgentRunStoreOptions,
} from './agent/runs/postgres-agent-run.store';
export type { AgentRunPgPool } from './agent/runs/postgres-agent-run-pool.types';
export {
  agentRunsMigrationSql,
  DEFAULT_AGENT_RUNS_TABLE,
} from './agent/runs/postgres-agent-run.migration';
export {
  DEFAULT_MAX_RUN_STATE_BYTES,
  DEFAULT_MAX_RUNS,
  DEFAULT_RUN_TTL_MS,
  type AgentRunStoreLimits,
} from './agent/runs/agent-run-store-limits';
export { RunFailedError } from './agent/runs/errors/run-failed.error';
export {
  FINAL_RUN_STATUSES,
  type AgentRunError,
  type AgentRunResult,
  type AgentRunSpec,
  type AgentRunState,
  type AgentRunStatus,
  type AgentRunToolCall,
  type AgentRunToolCallStatus,
  type PendingApproval,
} from './agent/runs/agent-run-state.types';
export type { AgentRunEventSink } from './agent/runs/agent-run-event-sink';
export type { AgentRunEnqueuer, EnqueuedAgentRun } from './agent/runs/agent-run-enqueuer';
export type {
  AgentStartOptions,
  ConduitRunsOptions,
  ContinueRunOptions,
  DurableAgentRuns,
  ResumeRunOptions,
  RunControls,
  RunsModuleOptions,
} from './agent/runs/agent-run-options.types';
export { CorruptRunStateError } from './agent/runs/errors/corrupt-run-state.error';
export { RunAlreadyExistsError } from './agent/runs/errors/run-already-exists.error';
export { RunAwaitingApprovalError } from './agent/runs/errors/run-awaiting-approval.error';
export { RunConflictError } from './agent/runs/errors/run-conflict.error';
export { RunNotFoundError } from './agent/runs/errors/run-not-found.error';
export { RunNotResumableError } from './agent/runs/errors/run-not-resumable.error';
export { RunStateTooLargeError } from './agent/runs/errors/run-state-too-large.error';
export { ToolInterruptedError } from './agent/runs/errors/tool-interrupted.error';
export { UnknownApprovalError } from './agent/runs/errors/unknown-approval.error';
// Their events, replayed and followed live from any replica (Redis Streams); `toSse()` sends the ids.
export { AgentRunEvents } from './agent/run-events/agent-run-events.service';
export { RunEventLog } from './agent/run-events/run-event-log';
export {
  InMemoryRunEventLog,
  type InMemoryRunEventLogOptions,
} from './agent/run-events/in-memory-run-event-log';
export {
  RedisRunEventLog,
  type RedisRunEventLogOptions,
} from './agent/run-events/redis-run-event-log';
export type { RedisRunEventClient } from './agent/run-events/redis-run-event-client.types';
export type {
  AgentRunLogEvent,
  AgentRunStatusEvent,
  ReadRunEventsOptions,
  RunEventRecord,
  RunLogEvent,
} from './agent/run-events/run-event.types';

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
  GenerateResult,
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
export * from './interceptors';

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
export * from './flow';

// Guardrails (lib/guardrails): input, output and tool checks as interceptors; built-ins (PII, length,
// prompt injection, moderation, topics, tool argument schemas).
export * from './guardrails';

// RAG (lib/rag): documents, splitters, loaders, embeddings, vector stores, retriever, RAG chain, module.
export * from './rag';

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
