import {
  Inject,
  Injectable,
  Module,
  Optional,
  type DynamicModule,
  type Provider,
} from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import type { Observable } from 'rxjs';
import {
  BudgetExceededError,
  ChatService,
  ConduitModule,
  ConduitValidationError,
  COST_TRACKING_INTERCEPTOR_OPTIONS,
  CostTracker,
  CostTrackingInterceptor,
  RETRY_INTERCEPTOR_OPTIONS,
  RetryInterceptor,
  ServerError,
  type CallHandler,
  type CallOutput,
  type ConduitCallContext,
  type ConduitInterceptor,
  type ConduitModuleRootOptions,
  type CostTrackingInterceptorOptions,
} from 'nestjs-conduit';
import { createConduitTestingModule, MockChatModel, MockResponses } from 'nestjs-conduit/testing';

/** 1 000 input + 500 output tokens at $1 / $2 per million: $0.002 a call. */
const USAGE = { inputTokens: 1000, outputTokens: 500, totalTokens: 1500 };
const PRICES = { 'mock-model': { inputPerMillion: 1, outputPerMillion: 2 } };

function model(responses = 3): MockChatModel {
  return new MockChatModel({
    responses: Array.from({ length: responses }, () => ({ text: 'ok', usage: USAGE })),
  });
}

/** The app module a user writes: ConduitModule imported, the options token among its providers. */
function appModule(conduit: ConduitModuleRootOptions, providers: Provider[]) {
  @Module({ imports: [ConduitModule.forRoot(conduit)], providers })
  class AppModule {}
  return AppModule;
}

describe('interceptor classes given to ConduitModule: built by Nest in the importing module', () => {
  let app: TestingModule | undefined;

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  async function boot(root: NonNullable<DynamicModule['imports']>[number]): Promise<TestingModule> {
    app = await Test.createTestingModule({ imports: [root] }).compile();
    await app.init();
    return app;
  }

  it('honours COST_TRACKING_INTERCEPTOR_OPTIONS provided by the importing module (budget 0 refuses)', async () => {
    const mock = model();
    const options: CostTrackingInterceptorOptions = { budgetUsd: 0, prices: PRICES };
    const moduleRef = await boot(
      appModule({ models: { default: mock }, interceptors: [CostTrackingInterceptor] }, [
        { provide: COST_TRACKING_INTERCEPTOR_OPTIONS, useValue: options },
      ]),
    );

    await expect(moduleRef.get(ChatService).chat('hi')).rejects.toBeInstanceOf(BudgetExceededError);
    expect(mock.calls).toBe(0);
  });

  it('builds the class with the token and the module CostTracker: prices from the token, figures injectable', async () => {
    const moduleRef = await boot(
      appModule({ models: { default: model() }, interceptors: [CostTrackingInterceptor] }, [
        { provide: COST_TRACKING_INTERCEPTOR_OPTIONS, useValue: { prices: PRICES } },
      ]),
    );

    await moduleRef.get(ChatService).chat('hi');

    const summary = moduleRef.get(CostTracker).summary();
    expect(summary.calls).toBe(1);
    expect(summary.unpricedCalls).toBe(0);
    expect(summary.costUsd).toBeCloseTo(0.002, 10);
  });

  it('honours a token exported by a module the importing module imports, for model interceptors too (RETRY_INTERCEPTOR_OPTIONS)', async () => {
    const mock = new MockChatModel({ responses: [MockResponses.serverError(503), 'recovered'] });
    @Module({
      providers: [{ provide: RETRY_INTERCEPTOR_OPTIONS, useValue: { maxAttempts: 1 } }],
      exports: [RETRY_INTERCEPTOR_OPTIONS],
    })
    class SettingsModule {}
    @Module({
      imports: [
        ConduitModule.forRoot({
          models: { default: mock },
          modelInterceptors: { default: [RetryInterceptor] },
        }),
        SettingsModule,
      ],
    })
    class AppModule {}
    const moduleRef = await boot(AppModule);

    // The defaults (3 attempts) would retry the 503 and answer 'recovered'.
    await expect(moduleRef.get(ChatService).chat('hi')).rejects.toBeInstanceOf(ServerError);
    expect(mock.calls).toBe(1);
  });

  it('does not see a token another module keeps to itself, as Nest would not', async () => {
    const mock = new MockChatModel({ responses: [MockResponses.serverError(503), 'recovered'] });
    @Module({ providers: [{ provide: RETRY_INTERCEPTOR_OPTIONS, useValue: { maxAttempts: 1 } }] })
    class PrivateSettingsModule {}
    @Module({
      imports: [
        PrivateSettingsModule,
        ConduitModule.forRoot({ models: { default: mock }, interceptors: [RetryInterceptor] }),
      ],
    })
    class AppModule {}
    const moduleRef = await boot(AppModule);

    expect((await moduleRef.get(ChatService).chat('hi')).text).toBe('recovered');
    expect(mock.calls).toBe(2);
  });

  it("takes the importing module's own value of a token over one an import exports (Nest's order)", async () => {
    const mock = model();
    @Module({
      providers: [{ provide: COST_TRACKING_INTERCEPTOR_OPTIONS, useValue: { budgetUsd: 1 } }],
      exports: [COST_TRACKING_INTERCEPTOR_OPTIONS],
    })
    class BillingModule {}
    @Module({
      imports: [
        BillingModule,
        ConduitModule.forRoot({
          models: { default: mock },
          interceptors: [CostTrackingInterceptor],
        }),
      ],
      providers: [{ provide: COST_TRACKING_INTERCEPTOR_OPTIONS, useValue: { budgetUsd: 0 } }],
    })
    class AppModule {}
    const moduleRef = await boot(AppModule);

    await expect(moduleRef.get(ChatService).chat('hi')).rejects.toBeInstanceOf(BudgetExceededError);
    expect(mock.calls).toBe(0);
  });

  it("fails the bootstrap with Nest's error naming a required dependency the importing module cannot see", async () => {
    const AUDIT_SINK = Symbol('audit-sink');
    @Injectable()
    class AuditInterceptor implements ConduitInterceptor {
      constructor(@Inject(AUDIT_SINK) readonly sink: string[]) {}
      intercept(_context: ConduitCallContext, next: CallHandler): Observable<CallOutput> {
        return next.handle();
      }
    }
    const compiled = await Test.createTestingModule({
      imports: [appModule({ models: { default: model() }, interceptors: [AuditInterceptor] }, [])],
    }).compile();

    const failure = await compiled.init().then(
      () => undefined,
      (error: unknown) => error,
    );

    expect(String(failure)).toContain('AuditInterceptor');
    expect(String(failure)).toContain('Symbol(audit-sink)');
    expect(String(failure)).toContain('AppModule');
    // Nest 11's close() awaits the failed init again and rethrows its error, Nest 12's does not:
    // either way the module is closed.
    await compiled.close().catch((error: unknown) => expect(error).toBe(failure));
  });

  it('refuses at bootstrap one forRoot() value imported by two modules: the class would have two contexts', async () => {
    const conduit = ConduitModule.forRoot({
      models: { default: model() },
      interceptors: [CostTrackingInterceptor],
    });
    @Module({ imports: [conduit] })
    class BillingModule {}
    @Module({ imports: [conduit, BillingModule] })
    class AppModule {}
    const compiled = await Test.createTestingModule({ imports: [AppModule] }).compile();

    const failure = await compiled.init().then(
      () => undefined,
      (error: unknown) => error,
    );

    expect(failure).toBeInstanceOf(ConduitValidationError);
    expect(String(failure)).toContain('imported by AppModule, BillingModule');
    await compiled.close().catch((error: unknown) => expect(error).toBe(failure));
  });

  it('builds classes a forRootAsync factory returns in the importing module too', async () => {
    @Module({
      imports: [
        ConduitModule.forRootAsync({
          useFactory: () => ({
            models: { default: model() },
            interceptors: [CostTrackingInterceptor],
          }),
        }),
      ],
      providers: [{ provide: COST_TRACKING_INTERCEPTOR_OPTIONS, useValue: { prices: PRICES } }],
    })
    class AppModule {}
    const moduleRef = await boot(AppModule);

    await moduleRef.get(ChatService).chat('hi');

    expect(moduleRef.get(CostTracker).summary().costUsd).toBeCloseTo(0.002, 10);
  });

  it('builds classes in the importing module when ConduitModule is global (createConduitTestingModule)', async () => {
    app = await createConduitTestingModule({
      models: { default: model() },
      interceptors: [CostTrackingInterceptor],
      providers: [{ provide: COST_TRACKING_INTERCEPTOR_OPTIONS, useValue: { budgetUsd: 0 } }],
    }).compile();
    await app.init();

    await expect(app.get(ChatService).chat('hi')).rejects.toBeInstanceOf(BudgetExceededError);
  });

  it('still injects a custom class dependencies, its optional token from the app and the rest from ConduitModule', async () => {
    const LABEL = Symbol('label');
    @Injectable()
    class LabelInterceptor implements ConduitInterceptor {
      constructor(
        readonly costs: CostTracker,
        @Optional() @Inject(LABEL) readonly label: string = 'none',
      ) {}
      intercept(context: ConduitCallContext, next: CallHandler): Observable<CallOutput> {
        context.metadata.set('label', this.label);
        context.metadata.set('costs', this.costs);
        return next.handle();
      }
    }
    const moduleRef = await boot(
      appModule({ models: { default: model() }, interceptors: [LabelInterceptor] }, [
        { provide: LABEL, useValue: 'from-app' },
      ]),
    );
    const metadata = new Map<string, unknown>();

    await moduleRef.get(ChatService).chat('hi', { metadata });

    expect(metadata.get('label')).toBe('from-app');
    expect(metadata.get('costs')).toBe(moduleRef.get(CostTracker));
  });
});

describe('a CostTrackingInterceptor instance given to ConduitModule', () => {
  let app: TestingModule | undefined;

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  async function boot(conduit: ConduitModuleRootOptions): Promise<TestingModule> {
    app = await Test.createTestingModule({ imports: [ConduitModule.forRoot(conduit)] }).compile();
    await app.init();
    return app;
  }

  /** Reads the tracker an instance records into (a protected field) through a subclass. */
  class InspectableCostTrackingInterceptor extends CostTrackingInterceptor {
    get ownTracker(): CostTracker {
      return this.tracker;
    }
  }

  it('made with new and no tracker, records into a private tracker: the module CostTracker stays at zero', async () => {
    const interceptor = new InspectableCostTrackingInterceptor({ budgetUsd: 50, prices: PRICES });
    const moduleRef = await boot({ models: { default: model() }, interceptors: [interceptor] });

    await moduleRef.get(ChatService).chat('one');
    await moduleRef.get(ChatService).chat('two');

    expect(interceptor.ownTracker).not.toBe(moduleRef.get(CostTracker));
    expect(interceptor.ownTracker.summary().costUsd).toBeCloseTo(0.004, 10);
    expect(moduleRef.get(CostTracker).summary().calls).toBe(0);
  });

  it('enforces its budget against the figures of its own tracker', async () => {
    const mock = model();
    const moduleRef = await boot({
      models: { default: mock },
      modelInterceptors: {
        default: [new CostTrackingInterceptor({ budgetUsd: 0.003, prices: PRICES })],
      },
    });
    const chat = moduleRef.get(ChatService);

    await chat.chat('one');
    await chat.chat('two');
    await expect(chat.chat('three')).rejects.toBeInstanceOf(BudgetExceededError);
    expect(mock.calls).toBe(2);
  });

  it('keeps an explicitly given tracker: the module tracker stays at zero', async () => {
    const own = new CostTracker();
    const moduleRef = await boot({
      models: { default: model() },
      interceptors: [new CostTrackingInterceptor({ tracker: own, prices: PRICES })],
    });

    await moduleRef.get(ChatService).chat('one');

    expect(own.summary().calls).toBe(1);
    expect(moduleRef.get(CostTracker).summary().calls).toBe(0);
  });
});
