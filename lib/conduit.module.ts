import { Module, type DynamicModule, type FactoryProvider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AgentDeclarationValidator } from './agent/agent-declaration.validator';
import { AgentService } from './agent/agent.service';
import { AgentRunEvents } from './agent/run-events/agent-run-events.service';
import { AgentRunStore } from './agent/runs/agent-run.store';
import { agentRunsProviders } from './agent/runs/agent-runs.providers';
import { ChatService } from './chat/chat.service';
import { FallbackChain } from './chat/fallback-chain';
import { ConduitHealthIndicator } from './chat/conduit-health.indicator';
import type {
  ConduitModuleAsyncOptions,
  ConduitModuleRootOptions,
} from './conduit-options.interface';
import { CONDUIT_OPTIONS, DEFAULT_MODEL_ALIAS } from './conduit.constants';
import { CONDUIT_MODULE_OPTIONS, ConfigurableModuleClass } from './conduit.module-definition';
import { withImportAnchor } from './interceptors/conduit-import-anchor';
import { InterceptorRegistry } from './interceptors/interceptor-registry';
import { ConduitShutdown } from './ops/conduit-shutdown.service';
import { InFlightCalls } from './ops/in-flight-calls';
import {
  CONDUIT_INTERCEPTOR_EXPORTS,
  CONDUIT_INTERCEPTOR_PROVIDERS,
} from './interceptors/built-in/interceptor.providers';
import { memoryConversationPortProvider } from './memory/memory-conversation.port';
import { createModelProviders, type ExposedModelAliases } from './models/model-registry.providers';
import { validateConduitOptions } from './validate-conduit-options';
import { structuredObjectPortProvider } from './structured/structured-object.port';
import { StructuredOutputService } from './structured/structured-output.service';
import {
  ConduitToolsFeatureModule,
  type ConduitFeatureOptions,
} from './tools/conduit-tools-feature.module';
import {
  CONDUIT_TOOL_EXPORTS,
  CONDUIT_TOOL_PROVIDERS,
  conduitToolsOptionsProvider,
  toolInterceptorsProvider,
} from './tools/tools.providers';

/** Validates the raw options once; everything else injects the validated ones. */
const validatedOptionsProvider: FactoryProvider = {
  provide: CONDUIT_OPTIONS,
  useFactory: (options: unknown) => validateConduitOptions(options),
  inject: [CONDUIT_MODULE_OPTIONS],
};

function keysOf(value: unknown): string[] {
  return typeof value === 'object' && value !== null ? Object.keys(value) : [];
}

function withModels(definition: DynamicModule, aliases: ExposedModelAliases): DynamicModule {
  const modelProviders = createModelProviders(aliases);
  return {
    ...definition,
    providers: [...(definition.providers ?? []), ...modelProviders],
    exports: [...(definition.exports ?? []), ...modelProviders.map((p) => p.provide)],
  };
}

/**
 * The nestjs-conduit module: provides `ChatService`, `ModelRegistry` and one injection token per
 * model alias (`getChatModelToken`, `@InjectChatModel`). Options are validated once at bootstrap.
 *
 * @example
 * // Static configuration
 * ConduitModule.forRoot({ models: { default: { provider: 'openai', model: 'gpt-4o-mini' } }, isGlobal: true });
 *
 * // From ConfigService
 * ConduitModule.forRootAsync({
 *   imports: [ConfigModule],
 *   inject: [ConfigService],
 *   useFactory: (config: ConfigService) => ({
 *     models: { default: { provider: 'openai', model: 'gpt-4o-mini', apiKey: config.get('OPENAI_API_KEY') } },
 *   }),
 * });
 */
@Module({
  // Tools (lib/tools): @Tool() discovery needs DiscoveryModule; ToolRegistry, ToolExecutor and
  // ConduitRequestContext are exported, the explorer and accessor stay internal.
  imports: [DiscoveryModule],
  providers: [
    validatedOptionsProvider,
    InterceptorRegistry,
    ChatService,
    // Fallback chains and circuit breakers (lib/chat); the store is `circuitBreaker.store`, the
    // app's `CircuitStore` provider, or in memory.
    FallbackChain,
    // The models' health for @nestjs/terminus (circuits, optional live probes).
    ConduitHealthIndicator,
    // ChatService's extension points, filled from the floors above it: conversation memory
    // (lib/memory, for `conversationId`) and structured output (lib/structured, `generateObject`).
    memoryConversationPortProvider,
    structuredObjectPortProvider,
    ...CONDUIT_TOOL_PROVIDERS,
    conduitToolsOptionsProvider(CONDUIT_OPTIONS),
    toolInterceptorsProvider,
    // Agents and structured output (lib/agent, lib/structured); the @Agent() validator stays internal.
    AgentService,
    AgentDeclarationValidator,
    // Durable agent runs (lib/agent/runs): `runs.store` (default in memory) and `runs.events`.
    ...agentRunsProviders(CONDUIT_OPTIONS),
    // Their events from any replica (lib/agent/run-events), when `runs.events` is a RunEventLog.
    AgentRunEvents,
    StructuredOutputService,
    // Interceptors (lib/interceptors): CostTracker. No default cache / rate-limit store: one here
    // would shadow the app's own (an interceptor falls back to a private in-memory store).
    ...CONDUIT_INTERCEPTOR_PROVIDERS,
    // Operations (lib/ops): this application's running calls, drained or aborted at shutdown,
    // then the HTTP pools closed.
    InFlightCalls,
    ConduitShutdown,
  ],
  exports: [
    ChatService,
    ConduitHealthIndicator,
    ...CONDUIT_TOOL_EXPORTS,
    AgentService,
    AgentRunStore,
    AgentRunEvents,
    StructuredOutputService,
    ...CONDUIT_INTERCEPTOR_EXPORTS,
  ],
})
export class ConduitModule extends ConfigurableModuleClass {
  /** Configures the module with static options. Every configured alias gets an injection token. */
  static override forRoot(options: ConduitModuleRootOptions): DynamicModule {
    return withImportAnchor(
      withModels(super.forRoot(options), {
        chat: keysOf(options.models),
        embedding: keysOf(options.embeddingModels),
      }),
    );
  }

  /**
   * Configures the module from a factory (`useFactory` + `inject`, `useClass` or `useExisting`).
   * Tokens exist for the chat model `default` and the aliases in `chatModelAliases` /
   * `embeddingModelAliases`; every alias is reachable through `ModelRegistry` and `ChatService`.
   */
  static override forRootAsync(options: ConduitModuleAsyncOptions): DynamicModule {
    const { chatModelAliases = [], embeddingModelAliases = [], ...asyncOptions } = options;
    return withImportAnchor(
      withModels(super.forRootAsync(asyncOptions), {
        chat: [DEFAULT_MODEL_ALIAS, ...chatModelAliases],
        embedding: embeddingModelAliases,
      }),
    );
  }

  /**
   * Opts a module's classes in as tool sources: `imports: [ConduitModule.forFeature({ tools:
   * [WeatherService] })]`. With `tools: { discovery: 'feature' }` in the root options, only classes
   * listed this way expose their `@Tool()` methods, so a library's tools are never exposed by
   * accident. The classes stay providers of the importing module.
   */
  static forFeature(options: ConduitFeatureOptions): DynamicModule {
    return ConduitToolsFeatureModule.register(options);
  }
}
