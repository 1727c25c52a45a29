import { Global, Inject, Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Observable } from 'rxjs';
import { ChatService } from './chat/chat.service';
import { ConduitModule } from './conduit.module';
import type { ConduitModuleOptions } from './conduit-options.interface';
import type { CallHandler, CallOutput, ConduitCallContext } from './core';
import { ConduitValidationError, type ChatModel, type EmbeddingModel } from './core';
import { InjectChatModel, InjectEmbeddingModel } from './models/inject-model.decorator';
import { ModelRegistry } from './models/model-registry';
import { getChatModelToken, getEmbeddingModelToken } from './models/model-tokens';
import { OpenAIChatModel, OpenAIEmbeddingModel } from './providers/openai';
import { MockChatModel, MockEmbeddingModel } from './testing';

/** A ConfigService look-alike, provided by its own module, as with @nestjs/config. */
@Injectable()
class FakeConfigService {
  get(key: string): string {
    return { CHAT_MODEL: 'gpt-4o-mini', OPENAI_KEY: 'sk-config' }[key] ?? '';
  }
}

@Module({ providers: [FakeConfigService], exports: [FakeConfigService] })
class FakeConfigModule {}

function optionsFrom(config: FakeConfigService): ConduitModuleOptions {
  return {
    models: {
      default: {
        provider: 'openai',
        model: config.get('CHAT_MODEL'),
        apiKey: config.get('OPENAI_KEY'),
      },
      fast: new MockChatModel({ modelId: 'fast-mock' }),
    },
    embeddingModels: {
      default: { provider: 'openai', model: 'text-embedding-3-small', apiKey: 'sk-e' },
    },
  };
}

@Injectable()
class ConduitOptionsFactory {
  constructor(private readonly config: FakeConfigService) {}
  create(): ConduitModuleOptions {
    return optionsFrom(this.config);
  }
}

@Injectable()
class ModelUser {
  constructor(
    @InjectChatModel() readonly chat: ChatModel,
    @InjectChatModel('fast') readonly fast: ChatModel,
    @InjectEmbeddingModel() readonly embedding: EmbeddingModel,
  ) {}
}

describe('ConduitModule', () => {
  const savedKey = process.env['OPENAI_API_KEY'];
  afterEach(() => {
    if (savedKey === undefined) delete process.env['OPENAI_API_KEY'];
    else process.env['OPENAI_API_KEY'] = savedKey;
  });

  describe('forRoot', () => {
    it('builds OpenAI models from configuration and registers a token per alias', async () => {
      const moduleRef = await Test.createTestingModule({
        imports: [
          ConduitModule.forRoot({
            models: {
              default: { provider: 'openai', model: 'gpt-4o-mini', apiKey: 'sk-test' },
              local: {
                provider: 'openai',
                model: 'llama3.1',
                baseUrl: 'http://127.0.0.1:11434/v1',
                providerName: 'ollama',
              },
            },
            embeddingModels: {
              default: { provider: 'openai', model: 'text-embedding-3-small', apiKey: 'sk-test' },
            },
          }),
        ],
      }).compile();
      const registry = moduleRef.get(ModelRegistry);
      expect(registry.chatAliases()).toEqual(['default', 'local']);
      expect(registry.getChatModel()).toBeInstanceOf(OpenAIChatModel);
      expect(registry.getChatModel('local').info()).toMatchObject({
        provider: 'ollama',
        modelId: 'llama3.1',
      });
      expect(registry.getEmbeddingModel()).toBeInstanceOf(OpenAIEmbeddingModel);
      expect(moduleRef.get(getChatModelToken('default'))).toBe(registry.getChatModel());
      expect(moduleRef.get(getChatModelToken('local'))).toBe(registry.getChatModel('local'));
      expect(moduleRef.get(getEmbeddingModelToken())).toBe(registry.getEmbeddingModel());
      expect(moduleRef.get(ChatService)).toBeInstanceOf(ChatService);
      await moduleRef.close();
    });

    it('takes the API key from OPENAI_API_KEY when the option is absent', async () => {
      process.env['OPENAI_API_KEY'] = 'sk-env';
      const moduleRef = await Test.createTestingModule({
        imports: [
          ConduitModule.forRoot({ models: { default: { provider: 'openai', model: 'gpt-4o' } } }),
        ],
      }).compile();
      expect(moduleRef.get(ModelRegistry).getChatModel().info().modelId).toBe('gpt-4o');
      await moduleRef.close();
    });

    it('accepts ready-made instances and injects them with @InjectChatModel / @InjectEmbeddingModel', async () => {
      const chat = new MockChatModel();
      const fast = new MockChatModel();
      const embedding = new MockEmbeddingModel();
      const moduleRef = await Test.createTestingModule({
        imports: [
          ConduitModule.forRoot({
            models: { default: chat, fast },
            embeddingModels: { default: embedding },
          }),
        ],
        providers: [ModelUser],
      }).compile();
      const user = moduleRef.get(ModelUser);
      expect(user.chat).toBe(chat);
      expect(user.fast).toBe(fast);
      expect(user.embedding).toBe(embedding);
      await moduleRef.close();
    });

    it('fails the bootstrap with one readable error naming the field and the env variable', async () => {
      delete process.env['OPENAI_API_KEY'];
      const compiling = Test.createTestingModule({
        imports: [
          ConduitModule.forRoot({
            models: {
              default: { provider: 'openai', model: 'gpt-4o-mini' },
              bad: { provider: 'openai', model: '' },
            },
          }),
        ],
      }).compile();
      await expect(compiling).rejects.toThrow(ConduitValidationError);
      await expect(compiling).rejects.toThrow(
        'Invalid ConduitModule options:\n' +
          '  - models.default.apiKey: missing; pass apiKey or set OPENAI_API_KEY\n' +
          '  - models.bad.model: must be a non-empty model id such as "gpt-4o-mini"\n' +
          '  - models.bad.apiKey: missing; pass apiKey or set OPENAI_API_KEY',
      );
    });

    it('is local by default and global with isGlobal', async () => {
      @Injectable()
      class Consumer {
        constructor(readonly chat: ChatService) {}
      }
      @Module({ providers: [Consumer] })
      class FeatureModule {}

      const local = Test.createTestingModule({
        imports: [
          ConduitModule.forRoot({ models: { default: new MockChatModel() } }),
          FeatureModule,
        ],
      }).compile();
      await expect(local).rejects.toThrow(/can't resolve dependencies of the Consumer/);

      const moduleRef = await Test.createTestingModule({
        imports: [
          ConduitModule.forRoot({ models: { default: new MockChatModel() }, isGlobal: true }),
          FeatureModule,
        ],
      }).compile();
      expect(moduleRef.get(Consumer).chat).toBe(moduleRef.get(ChatService));
      await moduleRef.close();
    });
  });

  describe('forRootAsync', () => {
    it('useFactory with inject reads a ConfigService; tokens exist for default and the listed aliases', async () => {
      const moduleRef = await Test.createTestingModule({
        imports: [
          ConduitModule.forRootAsync({
            imports: [FakeConfigModule],
            inject: [FakeConfigService],
            useFactory: (config: FakeConfigService) => optionsFrom(config),
            chatModelAliases: ['fast'],
            embeddingModelAliases: ['default'],
          }),
        ],
        providers: [ModelUser],
      }).compile();
      const registry = moduleRef.get(ModelRegistry);
      const user = moduleRef.get(ModelUser);
      expect(user.chat).toBeInstanceOf(OpenAIChatModel);
      expect(user.chat.info().modelId).toBe('gpt-4o-mini');
      expect(user.chat).toBe(registry.getChatModel());
      expect(user.fast.info().modelId).toBe('fast-mock');
      expect(user.embedding).toBe(registry.getEmbeddingModel());
      await moduleRef.close();
    });

    it('reaches unlisted aliases through the registry only', async () => {
      const moduleRef = await Test.createTestingModule({
        imports: [
          ConduitModule.forRootAsync({
            imports: [FakeConfigModule],
            inject: [FakeConfigService],
            useFactory: (config: FakeConfigService) => optionsFrom(config),
          }),
        ],
      }).compile();
      expect(moduleRef.get(ModelRegistry).getChatModel('fast').info().modelId).toBe('fast-mock');
      expect(() =>
        moduleRef.get<ChatModel>(getChatModelToken('fast'), { strict: false }),
      ).toThrow();
      expect(moduleRef.get(getChatModelToken('default'), { strict: false })).toBeInstanceOf(
        OpenAIChatModel,
      );
      await moduleRef.close();
    });

    it('useClass builds the options factory with its dependencies', async () => {
      const moduleRef = await Test.createTestingModule({
        imports: [
          ConduitModule.forRootAsync({
            imports: [FakeConfigModule],
            useClass: ConduitOptionsFactory,
          }),
        ],
      }).compile();
      expect(moduleRef.get(ModelRegistry).getChatModel().info().modelId).toBe('gpt-4o-mini');
      await moduleRef.close();
    });

    it('useExisting reuses a factory provided by an imported module', async () => {
      @Module({
        imports: [FakeConfigModule],
        providers: [ConduitOptionsFactory],
        exports: [ConduitOptionsFactory],
      })
      class OptionsModule {}
      const moduleRef = await Test.createTestingModule({
        imports: [
          ConduitModule.forRootAsync({
            imports: [OptionsModule],
            useExisting: ConduitOptionsFactory,
            isGlobal: true,
          }),
        ],
      }).compile();
      expect(moduleRef.get(ModelRegistry).chatAliases()).toEqual(['default', 'fast']);
      await moduleRef.close();
    });

    it('validates what the factory returns, once, at bootstrap', async () => {
      const factory = jest.fn(() => ({ models: { fast: new MockChatModel() } }));
      const compiling = Test.createTestingModule({
        imports: [ConduitModule.forRootAsync({ useFactory: factory })],
      }).compile();
      await expect(compiling).rejects.toThrow(
        'models.default: missing; ChatService uses the "default" model when a call names none, so add models.default; rename one of: fast',
      );
      expect(factory).toHaveBeenCalledTimes(1);
    });

    it('fails the bootstrap when a listed alias is not configured', async () => {
      const compiling = Test.createTestingModule({
        imports: [
          ConduitModule.forRootAsync({
            useFactory: () => ({ models: { default: new MockChatModel() } }),
            chatModelAliases: ['smart'],
          }),
        ],
      }).compile();
      await expect(compiling).rejects.toThrow(
        'models.smart: missing; forRootAsync lists "smart" in chatModelAliases but the options factory configured no such model',
      );
    });
  });

  describe('testing overrides', () => {
    it('overrideProvider(getChatModelToken(alias)) reaches ChatService, the registry and @InjectChatModel', async () => {
      const mock = new MockChatModel({ responses: ['from the mock'] });
      const moduleRef = await Test.createTestingModule({
        imports: [
          ConduitModule.forRoot({
            models: {
              default: { provider: 'openai', model: 'gpt-4o-mini', apiKey: 'sk-test' },
              fast: new MockChatModel(),
            },
            embeddingModels: { default: new MockEmbeddingModel() },
          }),
        ],
        providers: [ModelUser],
      })
        .overrideProvider(getChatModelToken('default'))
        .useValue(mock)
        .compile();
      const answer = await moduleRef.get(ChatService).chat('Hi');
      expect(answer.text).toBe('from the mock');
      expect(mock.requests).toHaveLength(1);
      expect(moduleRef.get(ModelRegistry).getChatModel()).toBe(mock);
      expect(moduleRef.get(ModelUser).chat).toBe(mock);
      await moduleRef.close();
    });
  });

  describe('interceptor classes', () => {
    @Injectable()
    class CallLog {
      readonly entries: string[] = [];
    }

    @Global()
    @Module({ providers: [CallLog], exports: [CallLog] })
    class CallLogModule {}

    /** Provided by a module: the chain must use that very instance. */
    @Injectable()
    class ProvidedInterceptor {
      static instances = 0;
      constructor(private readonly log: CallLog) {
        ProvidedInterceptor.instances += 1;
      }
      intercept(context: ConduitCallContext, next: CallHandler): Observable<CallOutput> {
        this.log.entries.push(`provided:${context.kind}:${context.alias}`);
        return next.handle();
      }
    }

    /** Provided nowhere: created once with ModuleRef.create, dependencies injected. */
    @Injectable()
    class CreatedInterceptor {
      static instances = 0;
      constructor(@Inject(CallLog) private readonly log: CallLog) {
        CreatedInterceptor.instances += 1;
      }
      intercept(context: ConduitCallContext, next: CallHandler): Observable<CallOutput> {
        this.log.entries.push(`created:${context.kind}`);
        return next.handle();
      }
    }

    @Module({ providers: [ProvidedInterceptor], exports: [ProvidedInterceptor] })
    class InterceptorsModule {}

    it('resolves classes from DI once at bootstrap: the provider if any, else a created instance', async () => {
      CreatedInterceptor.instances = 0;
      ProvidedInterceptor.instances = 0;
      const moduleRef = await Test.createTestingModule({
        imports: [
          CallLogModule,
          InterceptorsModule,
          ConduitModule.forRoot({
            models: { default: new MockChatModel({ responses: ['a', 'b'] }) },
            interceptors: [ProvidedInterceptor, CreatedInterceptor],
            modelInterceptors: { default: [CreatedInterceptor] },
          }),
        ],
      }).compile();
      await moduleRef.init();
      const chat = moduleRef.get(ChatService);
      await chat.chat('one');
      await chat.chat('two');
      expect(moduleRef.get(CallLog).entries).toEqual([
        'provided:chat:default',
        'created:chat',
        'created:chat',
        'provided:chat:default',
        'created:chat',
        'created:chat',
      ]);
      expect(CreatedInterceptor.instances).toBe(1);
      expect(ProvidedInterceptor.instances).toBe(1);
      await moduleRef.close();
    });
  });
});
