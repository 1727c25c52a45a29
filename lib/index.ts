/**
 * nestjs-conduit: the public API, grouped by concern. Test helpers live in `nestjs-conduit/testing`.
 *
 * The table of contents of the package: each concern's public names are listed by name in its
 * folder's index.ts (a name is public only once it is listed there), re-exported here.
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

// Calls (lib/chat): ChatService (chat, stream, embed), uploads as message parts, fallback chains and
// circuit breakers.
export * from './chat';

// Models (lib/models): the registry by alias, injection tokens, several deployments or keys behind
// one alias.
export * from './models';

// Providers (lib/providers): OpenAI, Anthropic, Groq, xAI, Google, Azure, the OpenAI-compatible
// presets, any Vercel AI SDK model, and what writing your own provider stands on.
export * from './providers';

// Stream operators (lib/streaming).
export * from './streaming';

// Tools (lib/tools): @Tool() methods discovered by DI, their registry and executor, the request context.
export * from './tools';

// Agents (lib/agent): tool loops, streamed agent events, declared agents, durable runs and their events.
export * from './agent';

// Structured output (lib/structured): validated objects, extraction, classification, text parsers.
export * from './structured';

// Memory (lib/memory): conversations by id, strategies, stores, JSON export.
export * from './memory';

// Interceptors (lib/interceptors): built-ins, their options and stores, cost tracking, debugging.
export * from './interceptors';

// Token counting (lib/tokens): exact for OpenAI models, an estimate for others.
export * from './tokens';

// Workflows (lib/flow): pipelines of steps, step builders, state graphs (routing, cycles, parallel
// branches, joins, hooks, checkpoints, subgraphs, Mermaid).
export * from './flow';

// Guardrails (lib/guardrails): input, output and tool checks as interceptors; built-ins (PII, length,
// prompt injection, moderation, topics, tool argument schemas).
export * from './guardrails';

// RAG (lib/rag): documents, splitters, loaders, embeddings, vector stores, retriever, RAG chain, module.
export * from './rag';

// Operations (lib/ops): HTTP error mapping, OpenTelemetry spans, graceful shutdown options.
export * from './ops';
