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
import { MockChatModel, MockResponses } from 'nestjs-conduit/testing';

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

describe('interceptor classes given to ConduitModule: options tokens provided app-wide', () => {
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

  it('honours a token provided by any module, for model interceptors too (RETRY_INTERCEPTOR_OPTIONS)', async () => {
    const mock = new MockChatModel({ responses: [MockResponses.serverError(503), 'recovered'] });
    @Module({
      providers: [{ provide: RETRY_INTERCEPTOR_OPTIONS, useValue: { maxAttempts: 1 } }],
    })
    class SettingsModule {}
    @Module({
      imports: [
        SettingsModule,
        ConduitModule.forRoot({
          models: { default: mock },
          modelInterceptors: { default: [RetryInterceptor] },
        }),
      ],
    })
    class AppModule {}
    const moduleRef = await boot(AppModule);

    // The defaults (3 attempts) would retry the 503 and answer 'recovered'.
    await expect(moduleRef.get(ChatService).chat('hi')).rejects.toBeInstanceOf(ServerError);
    expect(mock.calls).toBe(1);
  });

  it('refuses at bootstrap a token two modules provide with different values', async () => {
    @Module({
      providers: [{ provide: COST_TRACKING_INTERCEPTOR_OPTIONS, useValue: { budgetUsd: 1 } }],
    })
    class BillingModule {}
    const root = appModule(
      { models: { default: model() }, interceptors: [CostTrackingInterceptor] },
      [{ provide: COST_TRACKING_INTERCEPTOR_OPTIONS, useValue: { budgetUsd: 0 } }],
    );
    @Module({ imports: [BillingModule, root] })
    class Both {}
    const compiled = await Test.createTestingModule({ imports: [Both] }).compile();

    const failure = await compiled.init().then(
      () => undefined,
      (error: unknown) => error,
    );

    expect(failure).toBeInstanceOf(ConduitValidationError);
    expect(String(failure)).toContain('cost-tracking-interceptor-options');
    // Nest 11's close() awaits the failed init again and rethrows its error, Nest 12's does not:
    // either way the module is closed.
    await compiled.close().catch((error: unknown) => expect(error).toBe(failure));
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

  it('records into the injectable CostTracker when built without a tracker', async () => {
    const moduleRef = await boot({
      models: { default: model() },
      interceptors: [new CostTrackingInterceptor({ budgetUsd: 50, prices: PRICES })],
    });

    await moduleRef.get(ChatService).chat('one');
    await moduleRef.get(ChatService).chat('two');

    const summary = moduleRef.get(CostTracker).summary();
    expect(summary.calls).toBe(2);
    expect(summary.costUsd).toBeCloseTo(0.004, 10);
  });

  it('enforces its budget against the figures it records in the module tracker', async () => {
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
    expect(moduleRef.get(CostTracker).summary().calls).toBe(2);
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

describe('CostTrackingInterceptor.useModuleTracker', () => {
  it('adopts the tracker only when the interceptor has none of its own, and only once', () => {
    const first = new CostTracker();
    const second = new CostTracker();
    const bare = new CostTrackingInterceptor();
    expect(bare.useModuleTracker(first)).toBe(true);
    expect(bare.useModuleTracker(second)).toBe(false);
    expect(bare.useModuleTracker(first)).toBe(true);

    const given = new CostTracker();
    expect(new CostTrackingInterceptor({ tracker: given }).useModuleTracker(first)).toBe(false);
    expect(new CostTrackingInterceptor({}, given).useModuleTracker(given)).toBe(true);
  });
});
