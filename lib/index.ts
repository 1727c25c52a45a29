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
