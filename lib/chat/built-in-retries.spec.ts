import { lastValueFrom, toArray } from 'rxjs';
import { AbortedError, ConduitValidationError, ServerError } from '../core';
import { ConduitMetadataKeys } from '../interceptors/built-in/conduit-metadata.keys';
import { RetryInterceptor } from '../interceptors/built-in/retry.interceptor';
import { createConduitTestingModule, MockChatModel, MockResponses } from '../testing';
import { validateConduitOptions } from '../validate-conduit-options';
import { chatServiceWith as serviceWith } from '../../test/support/chat-service-harness';
import { ChatService } from './chat.service';

describe('the built-in retry (ConduitModule.forRoot({ retry }))', () => {
  afterEach(() => jest.useRealTimers());

  it('is on by default: two failures, then the answer, with the backoff waits in between', async () => {
    jest.useFakeTimers();
    const model = new MockChatModel({
      responses: [MockResponses.serverError(503), MockResponses.serverError(503), 'Hello'],
    });
    const { chat } = await serviceWith({ models: { default: model } });
    const metadata = new Map<string, unknown>();
    const answer = chat.chat('Hi', { metadata });
    // Full jitter below 500 ms, then below 1 s.
    await jest.advanceTimersByTimeAsync(1500);
    expect((await answer).text).toBe('Hello');
    expect(model.requests).toHaveLength(3);
    expect(metadata.get(ConduitMetadataKeys.retryAttempts)).toBe(3);
    expect(metadata.get(ConduitMetadataKeys.retryErrors)).toHaveLength(2);
  });

  it('the caller aborting during the wait fails the call at once, with no further request', async () => {
    jest.useFakeTimers();
    const model = new MockChatModel({ responses: [MockResponses.serverError(503), 'late'] });
    const { chat } = await serviceWith({
      models: { default: model },
      retry: { initialDelayMs: 10_000, random: () => 0.99 },
    });
    const controller = new AbortController();
    const answer = chat.chat('Hi', { signal: controller.signal });
    const settled = expect(answer).rejects.toBeInstanceOf(AbortedError);
    await jest.advanceTimersByTimeAsync(100);
    controller.abort();
    await settled;
    await jest.advanceTimersByTimeAsync(20_000);
    expect(model.requests).toHaveLength(1);
  });

  it('maxRetries: 0 tries once', async () => {
    const model = new MockChatModel({ responses: [MockResponses.serverError(503), 'Hello'] });
    const { chat } = await serviceWith({ models: { default: model }, retry: { maxRetries: 0 } });
    await expect(chat.chat('Hi')).rejects.toBeInstanceOf(ServerError);
    expect(model.requests).toHaveLength(1);
  });

  it('a stream with a per-call retry is retried before its first event', async () => {
    const model = new MockChatModel({ responses: [MockResponses.serverError(503), 'Hello'] });
    const { chat } = await serviceWith({ models: { default: model }, retry: false });
    const events = await lastValueFrom(
      chat.stream('Hi', { retry: { initialDelayMs: 0 } }).pipe(toArray()),
    );
    expect(events.at(-1)).toMatchObject({ type: 'finish' });
    expect(model.requests).toHaveLength(2);
  });

  it('a subclassed RetryInterceptor alone in the chain runs its own hooks', async () => {
    const seen: number[] = [];
    class CountingRetry extends RetryInterceptor {
      protected override delayFor(_error: unknown, attempt: number): number {
        seen.push(attempt);
        return 0;
      }
    }
    const model = new MockChatModel({ responses: [MockResponses.serverError(503), 'Hello'] });
    const { chat } = await serviceWith({
      models: { default: model },
      interceptors: [new CountingRetry()],
    });
    expect((await chat.chat('Hi')).text).toBe('Hello');
    expect(seen).toEqual([1]);
    expect(model.requests).toHaveLength(2);
  });

  it('createConduitTestingModule turns it off unless asked', async () => {
    const model = new MockChatModel({ responses: [MockResponses.serverError(503), 'Hello'] });
    const moduleRef = await createConduitTestingModule({ models: { default: model } }).compile();
    await expect(moduleRef.get(ChatService).chat('Hi')).rejects.toBeInstanceOf(ServerError);
    expect(model.requests).toHaveLength(1);
    await moduleRef.close();
  });
});

describe('validation of the retry options', () => {
  const models = { default: new MockChatModel() };

  function issuesOf(options: Record<string, unknown>): string[] {
    try {
      validateConduitOptions({ models, ...options }, {});
    } catch (error: unknown) {
      if (error instanceof ConduitValidationError) {
        return error.issues.map((issue) => `${issue.path}: ${issue.message}`);
      }
      throw error;
    }
    return [];
  }

  it('accepts false, settings, and per-model settings', () => {
    expect(issuesOf({ retry: false })).toEqual([]);
    expect(issuesOf({ retry: { maxRetries: 3, initialDelayMs: 100 } })).toEqual([]);
    expect(issuesOf({ modelRetry: { default: false } })).toEqual([]);
    expect(
      issuesOf({
        models: { default: { provider: 'openai', model: 'gpt-4o', apiKey: 'k', retry: false } },
      }),
    ).toEqual([]);
  });

  it('reports each problem with its path', () => {
    expect(issuesOf({ retry: true })).toEqual([
      'retry: must be false or an object such as { maxRetries: 2 }',
    ]);
    expect(issuesOf({ retry: { maxRetries: -1, maxAttempts: 3, multiplier: 0 } })).toEqual([
      'retry.maxAttempts: unknown option (retry counts retries: maxRetries = maxAttempts - 1); expected one of: maxRetries, initialDelayMs, multiplier, maxDelayMs, maxRetryAfterMs, attemptTimeoutMs, isRetryable, random',
      'retry.maxRetries: must be a whole number from 0 (no retry)',
      'retry.multiplier: must be a number from 1',
    ]);
    expect(issuesOf({ modelRetry: { other: false } })).toEqual([
      'modelRetry.other: no model "other" is configured in models; known: default',
    ]);
    expect(
      issuesOf({
        models: {
          default: { provider: 'openai', model: 'gpt-4o', apiKey: 'k', retry: { maxRetries: 1.5 } },
        },
        modelRetry: { default: false },
      }),
    ).toEqual([
      'models.default.retry.maxRetries: must be a whole number from 0 (no retry)',
      'modelRetry.default: models.default.retry is set too; keep one of them',
    ]);
  });

  it("rejects a call's invalid retry before anything is sent", async () => {
    const model = new MockChatModel({ responses: ['Hello'] });
    const { chat } = await serviceWith({ models: { default: model } });
    await expect(chat.chat('Hi', { retry: { maxRetries: -1 } })).rejects.toBeInstanceOf(
      ConduitValidationError,
    );
    expect(model.requests).toHaveLength(0);
  });
});
