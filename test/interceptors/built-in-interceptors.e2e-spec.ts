import { Logger, type LoggerService } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { lastValueFrom, toArray } from 'rxjs';
import {
  ChatService,
  ConduitMetadataKeys,
  ConduitModule,
  CostTracker,
  CostTrackingInterceptor,
  LoggingInterceptor,
  QuotaExceededError,
  RateLimitError,
  RateLimitInterceptor,
  ResponseCacheInterceptor,
  RetryInterceptor,
  SlidingWindowInterceptor,
  TimeoutInterceptor,
  type ConduitModuleOptions,
} from 'nestjs-conduit';
import { MockChatModel, MockResponses } from 'nestjs-conduit/testing';

const PRICES = { 'mock/mock-model': { inputPerMillion: 1_000_000, outputPerMillion: 2_000_000 } };

class MemoryLogger implements LoggerService {
  readonly lines: unknown[] = [];
  log(message: unknown): void {
    this.lines.push(message);
  }
  error(message: unknown): void {
    this.lines.push(message);
  }
  warn(): void {}
}

describe('built-in interceptors through ConduitModule and ChatService', () => {
  let moduleRef: TestingModule | undefined;

  async function boot(options: ConduitModuleOptions): Promise<ChatService> {
    moduleRef = await Test.createTestingModule({
      imports: [ConduitModule.forRoot(options)],
    }).compile();
    await moduleRef.init();
    return moduleRef.get(ChatService);
  }

  afterEach(async () => {
    jest.useRealTimers();
    await moduleRef?.close();
    moduleRef = undefined;
  });

  it('retries a 429 after its retry-after of 2 s (fake clock), then succeeds', async () => {
    jest.useFakeTimers();
    const model = new MockChatModel({ responses: [MockResponses.rateLimited(2000), 'Recovered'] });
    const chat = await boot({ models: { default: model }, interceptors: [RetryInterceptor] });
    const answer = chat.chat('Hi');
    await jest.advanceTimersByTimeAsync(1999);
    expect(model.calls).toBe(1);
    await jest.advanceTimersByTimeAsync(1);
    await expect(answer).resolves.toMatchObject({ text: 'Recovered' });
    expect(model.calls).toBe(2);
  });

  it('does not retry insufficient_quota', async () => {
    const model = new MockChatModel({ responses: [MockResponses.quotaExceeded(), 'never sent'] });
    const chat = await boot({ models: { default: model }, interceptors: [RetryInterceptor] });
    await expect(chat.chat('Hi')).rejects.toBeInstanceOf(QuotaExceededError);
    expect(model.calls).toBe(1);
  });

  it('resolves interceptor classes from DI: CostTrackingInterceptor feeds the exported CostTracker', async () => {
    const model = new MockChatModel({ responses: ['One', 'Two'] });
    const chat = await boot({
      models: { default: model },
      interceptors: [CostTrackingInterceptor],
    });
    await chat.chat('Hi');
    await chat.chat('Hi again');
    const tracker = moduleRef!.get(CostTracker);
    // The mock model has no catalogue price: counted, flagged unpriced, at $0.
    expect(tracker.summary()).toMatchObject({ calls: 2, unpricedCalls: 2, costUsd: 0 });
    expect(tracker.summary().inputTokens).toBeGreaterThan(0);
  });

  it('forRootAsync can hand the module CostTracker to a configured instance (prices, budget)', async () => {
    const model = new MockChatModel({
      responses: [{ text: 'x', usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 } }],
    });
    moduleRef = await Test.createTestingModule({
      imports: [
        ConduitModule.forRootAsync({
          inject: [CostTracker],
          useFactory: (tracker: CostTracker) => ({
            models: { default: model },
            interceptors: [new CostTrackingInterceptor({ tracker, prices: PRICES, budgetUsd: 2 })],
          }),
        }),
      ],
    }).compile();
    await moduleRef.init();
    const chat = moduleRef.get(ChatService);
    await chat.chat('Hi');
    expect(moduleRef.get(CostTracker).summary().costUsd).toBeCloseTo(3, 10);
    await expect(chat.chat('Again')).rejects.toMatchObject({ name: 'BudgetExceededError' });
    expect(model.calls).toBe(1);
  });

  it('chatWithContext returns the request as sent, one per attempt, the handled errors and the metadata', async () => {
    jest.useFakeTimers();
    const model = new MockChatModel({ responses: [MockResponses.rateLimited(100), 'Done'] });
    const chat = await boot({
      models: { default: model },
      interceptors: [new RetryInterceptor(), new SlidingWindowInterceptor({ maxMessages: 1 })],
    });
    const pending = chat.chatWithContext(
      [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'old question' },
        { role: 'user', content: 'new question' },
      ],
      { temperature: 0 },
    );
    await jest.advanceTimersByTimeAsync(100);
    const { response, context } = await pending;
    expect(response.text).toBe('Done');
    expect(context.request).toEqual({
      temperature: 0,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'new question' },
      ],
    });
    expect(context.requests).toHaveLength(2);
    expect(context.handledErrors).toHaveLength(1);
    expect(context.handledErrors[0]).toBeInstanceOf(RateLimitError);
    expect(context.metadata.get(ConduitMetadataKeys.retryAttempts)).toBe(2);
    expect(context.metadata.get(ConduitMetadataKeys.trimmedMessages)).toBe(1);
  });

  it('runs the recommended stack on streams: a repeated stream is replayed from the cache, costed once, logged twice', async () => {
    const logger = new MemoryLogger();
    const model = new MockChatModel({ responses: ['Streamed answer here', 'never used'] });
    const tracker = new CostTracker();
    const chat = await boot({
      models: { default: model },
      interceptors: [
        new LoggingInterceptor({ logger }),
        new CostTrackingInterceptor({ tracker, prices: PRICES }),
        new ResponseCacheInterceptor(),
        new RateLimitInterceptor({ requestsPerMinute: 10 }),
        new RetryInterceptor(),
        new TimeoutInterceptor({ timeoutMs: 30_000 }),
      ],
    });
    const first = await lastValueFrom(chat.stream('Tell me').pipe(toArray()));
    const second = await lastValueFrom(chat.stream('Tell me').pipe(toArray()));
    expect(second).toEqual(first);
    expect(model.calls).toBe(1);
    expect(tracker.summary()).toMatchObject({ calls: 2, cachedCalls: 1 });
    expect(logger.lines).toEqual([
      expect.objectContaining({ kind: 'stream', outcome: 'ok', cached: false, retries: 0 }),
      expect.objectContaining({ kind: 'stream', outcome: 'ok', cached: true }),
    ]);
  });

  it('logs through the Nest Logger by default', async () => {
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    try {
      const chat = await boot({
        models: { default: new MockChatModel({ responses: ['Hi'] }) },
        interceptors: [LoggingInterceptor],
      });
      await chat.chat('Hello');
      expect(log).toHaveBeenCalledWith(
        expect.objectContaining({ event: 'conduit.call', kind: 'chat', outcome: 'ok' }),
      );
    } finally {
      log.mockRestore();
    }
  });
});
