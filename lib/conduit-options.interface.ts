import type { ConfigurableModuleAsyncOptions } from '@nestjs/common';
import type { RunsModuleOptions } from './agent/runs/agent-run-options.types';
import type { ChatModuleOptions } from './chat/chat-module-options.types';
import type { InterceptorsModuleOptions } from './interceptors/interceptor-options.types';
import type { ModelsModuleOptions } from './models/model-options.types';
import type { ShutdownModuleOptions } from './ops/conduit-shutdown-options.types';
import type { ToolsModuleOptions } from './tools/tool-options.types';

// Each floor owns the part of the options it reads (models/, interceptors/, chat/, tools/, ops/);
// this file only composes them, so no floor below the module has to import it. The names below
// stay exported from here, where `lib/index.ts` and users have always found them.
export type {
  AnthropicChatModelConfig,
  ChatDeploymentConfig,
  ChatModelConfig,
  DeploymentsChatModelConfig,
  EmbeddingModelConfig,
  GroqChatModelConfig,
  ModelProviderName,
  OpenAIChatModelConfig,
  OpenAICompatibleChatModelConfig,
  OpenAICompatibleEmbeddingModelConfig,
  OpenAIEmbeddingModelConfig,
  XaiChatModelConfig,
  GoogleChatModelConfig,
  GoogleEmbeddingModelConfig,
  AzureChatModelConfig,
  AzureEmbeddingModelConfig,
  HostedChatModelConfig,
  HostedPresetChatModelConfig,
  OpenRouterChatModelConfig,
} from './models/model-options.types';
export type { ConduitInterceptorEntry } from './interceptors/interceptor-options.types';

/**
 * Options of `ConduitModule.forRoot` (and what a `forRootAsync` factory returns). Validated once at
 * bootstrap: a problem fails the application start with one `ConduitValidationError` listing every
 * `path: problem`.
 *
 * - `models`, `embeddingModels`: the models by alias (`default` required), a configuration or a
 *   ready-made model;
 * - `interceptors`, `modelInterceptors`, `embeddingModelInterceptors`: interceptors around every
 *   call, one chat model alias's calls, one embedding model alias's calls;
 * - `timeoutMs`: overall timeout of one call (default 600000; `0` disables it);
 * - `retry`, `modelRetry`, `embeddingModelRetry`: the built-in retry of every call, of one alias
 *   (default `{ maxRetries: 2 }`; `false` turns it off; see `RetryOptions`);
 * - `tools`: `@Tool()` discovery and execution defaults (`ConduitToolsOptions`);
 * - `shutdown`: what `app.close()` does with calls still running (`ConduitShutdownOptions`);
 * - `runs`: where durable agent runs are kept and where their events go (`ConduitRunsOptions`).
 *
 * @example
 * ```ts
 * ConduitModule.forRoot({
 *   models: {
 *     default: { provider: 'openai', model: 'gpt-4o-mini' },
 *     local: { provider: 'openai', model: 'llama3.1', baseUrl: 'http://127.0.0.1:11434/v1' },
 *   },
 *   embeddingModels: { default: { provider: 'openai', model: 'text-embedding-3-small' } },
 *   interceptors: [LoggingInterceptor],
 *   timeoutMs: 60_000,
 * });
 * ```
 */
export interface ConduitModuleOptions
  extends
    ModelsModuleOptions,
    InterceptorsModuleOptions,
    ChatModuleOptions,
    ToolsModuleOptions,
    ShutdownModuleOptions,
    RunsModuleOptions {}

/** Options of `ConduitModule.forRoot`: the module options plus `isGlobal`. */
export interface ConduitModuleRootOptions extends ConduitModuleOptions {
  /** Register the module globally so every module can inject `ChatService`. Defaults to false. */
  readonly isGlobal?: boolean;
}

/**
 * Options of `ConduitModule.forRootAsync`: Nest's usual `imports` + `inject` + `useFactory`
 * (or `useClass` / `useExisting` of a class with `create()` returning the options).
 *
 * The model aliases are unknown until the factory runs, so injection tokens
 * (`@InjectChatModel(alias)`) exist only for the aliases listed here: the chat model `default`
 * always, plus `chatModelAliases` and `embeddingModelAliases`. Every alias stays reachable through
 * `ModelRegistry` and `ChatService` either way. A listed alias the factory does not configure fails
 * the bootstrap.
 */
export interface ConduitModuleAsyncOptions extends ConfigurableModuleAsyncOptions<
  ConduitModuleOptions,
  'create'
> {
  /** Register the module globally. Defaults to false. */
  readonly isGlobal?: boolean;
  /** Chat model aliases to expose as injection tokens besides `default`. */
  readonly chatModelAliases?: readonly string[];
  /** Embedding model aliases to expose as injection tokens (`default` only when listed). */
  readonly embeddingModelAliases?: readonly string[];
}
