import type { ModuleMetadata, Provider, Type } from '@nestjs/common';
import type { TestingModuleBuilder } from '@nestjs/testing';
import { ConduitModule } from '../conduit.module';
import type { ChatModel } from '../core/chat-model.interface';
import type { EmbeddingModel } from '../core/embedding-model.interface';
import type { RetrySetting } from '../core/retry-options.types';
import type { ConduitInterceptorEntry } from '../interceptors/interceptor-options.types';
import { MockChatModel } from './mock-chat-model';
import { MockEmbeddingModel } from './mock-embedding-model';
import { loadOptionalPackage } from '../core/load-optional-package';

/** Options of `createConduitTestingModule`. */
export interface ConduitTestingModuleOptions {
  /** Chat models by alias. Defaults to `{ default: new MockChatModel() }` (an empty script). */
  readonly models?: Readonly<Record<string, ChatModel>>;
  /** Embedding models by alias. Defaults to `{ default: new MockEmbeddingModel() }`. */
  readonly embeddingModels?: Readonly<Record<string, EmbeddingModel>>;
  /** Global interceptors of the ConduitModule under test. */
  readonly interceptors?: readonly ConduitInterceptorEntry[];
  /** Call timeout of the module (default: the module's default). */
  readonly timeoutMs?: number;
  /**
   * The module's built-in retry. Default `false` here (unlike `forRoot`, whose default is
   * `{ maxRetries: 2 }`): a scripted error reaches the code under test at once and `mock.requests`
   * has one request a call. Pass `{ maxRetries: 2, initialDelayMs: 0 }` to test your retry handling.
   */
  readonly retry?: RetrySetting;
  readonly imports?: ModuleMetadata['imports'];
  readonly providers?: readonly Provider[];
  readonly controllers?: readonly Type[];
}

type NestTesting = typeof import('@nestjs/testing');

/**
 * `@nestjs/testing` is loaded on first use, so `nestjs-conduit/testing` also loads in apps that use
 * only `MockChatModel` (the sample) and do not install it.
 */
function loadNestTesting(): NestTesting {
  return loadOptionalPackage<NestTesting>('@nestjs/testing', 'createConduitTestingModule', {
    install: 'npm install -D @nestjs/testing',
  });
}

/**
 * A `TestingModuleBuilder` with `ConduitModule` registered globally on mock models (or the models
 * you pass), plus your imports, providers and controllers. It is a builder, so
 * `.overrideProvider(...)` still works before `.compile()`.
 *
 * Two ways to put a mock in place of a model:
 * - pass it: `createConduitTestingModule({ models: { default: mock }, providers: [MyService] })`;
 * - override the alias token of an app module that configures real models:
 *   `Test.createTestingModule({ imports: [AppModule] }).overrideProvider(getChatModelToken('default')).useValue(mock)`
 *   (ChatService, ModelRegistry and `@InjectChatModel()` all get the mock).
 *
 * @example
 * const mock = new MockChatModel({ responses: ['Hi!'] });
 * const moduleRef = await createConduitTestingModule({ models: { default: mock }, providers: [GreeterService] }).compile();
 * await moduleRef.get(GreeterService).greet();
 * expect(mock.requests).toHaveLength(1);
 */
export function createConduitTestingModule(
  options: ConduitTestingModuleOptions = {},
): TestingModuleBuilder {
  const { Test } = loadNestTesting();
  return Test.createTestingModule({
    imports: [
      ConduitModule.forRoot({
        models: options.models ?? { default: new MockChatModel() },
        embeddingModels: options.embeddingModels ?? { default: new MockEmbeddingModel() },
        ...(options.interceptors === undefined ? {} : { interceptors: options.interceptors }),
        ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
        retry: options.retry ?? false,
        isGlobal: true,
      }),
      ...(options.imports ?? []),
    ],
    providers: [...(options.providers ?? [])],
    controllers: [...(options.controllers ?? [])],
  });
}
