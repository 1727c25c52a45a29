import { concat, of, throwError } from 'rxjs';
import {
  AbortedError,
  AuthenticationError,
  ConduitValidationError,
  ConnectionError,
  ContextLengthExceededError,
  ProviderError,
  QuotaExceededError,
  RateLimitError,
  ServerError,
  TimeoutError,
} from '../../core';
import {
  answer,
  chatContext,
  chatResponse,
  fail,
  hang,
  observe,
  ScriptedHandler,
  slow,
  streamContext,
  streamEvents,
} from '../../../test/support/interceptor-harness';
import { mapAnthropicError } from '../../providers/anthropic/anthropic-errors';
import { mapOpenAIError } from '../../providers/shared/openai-wire/openai-errors';
import { ConduitMetadataKeys } from './conduit-metadata.keys';
import { RetryInterceptor } from './retry.interceptor';
import { TimeoutInterceptor } from './timeout.interceptor';

const openai = { provider: 'openai' };

describe('RetryInterceptor', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('retries a 429 after the retry-after delay (2 s on the fake clock) and then succeeds', () => {
    const context = chatContext();
    const limited = new RateLimitError('slow down', { ...openai, status: 429, retryAfterMs: 2000 });
    const handler = new ScriptedHandler(context, [fail(limited), answer(chatResponse('ok'))]);
    const out = observe(new RetryInterceptor().intercept(context, handler));

    expect(handler.calls).toHaveLength(1);
    jest.advanceTimersByTime(1999);
    expect(handler.calls).toHaveLength(1);
    expect(out.values).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(handler.calls).toHaveLength(2);
    expect(out.values).toEqual([chatResponse('ok')]);
    expect(out.completed).toBe(true);
    expect(context.metadata.get(ConduitMetadataKeys.retryAttempts)).toBe(2);
    expect(context.metadata.get(ConduitMetadataKeys.retryErrors)).toEqual([
      { attempt: 1, error: 'RateLimitError', message: 'slow down', delayMs: 2000 },
    ]);
  });

  it('does not retry insufficient_quota (QuotaExceededError) even though it came as a 429', () => {
    const context = chatContext();
    const quota = new QuotaExceededError('no credit', {
      ...openai,
      status: 429,
      code: 'insufficient_quota',
    });
    const handler = new ScriptedHandler(context, [fail(quota), answer(chatResponse())]);
    const out = observe(new RetryInterceptor().intercept(context, handler));
    jest.runAllTimers();
    expect(handler.calls).toHaveLength(1);
    expect(out.error).toBe(quota);
    expect(context.metadata.get(ConduitMetadataKeys.retryAttempts)).toBe(1);
  });

  it.each([
    ['an abort', new AbortedError()],
    ['a validation error', new ConduitValidationError([{ path: 'messages', message: 'empty' }])],
    ['an authentication error', new AuthenticationError('bad key', { ...openai, status: 401 })],
    [
      'a context-length error',
      new ContextLengthExceededError('too long', { ...openai, status: 400 }),
    ],
    ['a plain programming error', new TypeError('x is undefined')],
  ])('never retries %s', (_label, error) => {
    const context = chatContext();
    const handler = new ScriptedHandler(context, [fail(error), answer(chatResponse())]);
    const out = observe(new RetryInterceptor().intercept(context, handler));
    jest.runAllTimers();
    expect(handler.calls).toHaveLength(1);
    expect(out.error).toBe(error);
  });

  it.each([
    ['a 5xx ServerError', new ServerError('boom', { ...openai, status: 500 })],
    [
      'an Anthropic 529 overload',
      new ServerError('overloaded', { provider: 'anthropic', status: 529 }),
    ],
    ['a 408 ProviderError', new ProviderError('request timeout', { ...openai, status: 408 })],
    ['a 409 ProviderError', new ProviderError('conflict', { ...openai, status: 409 })],
    ['a connection reset', new ConnectionError('socket hang up')],
    ['an unmapped ECONNRESET', Object.assign(new Error('reset'), { code: 'ECONNRESET' })],
    ['an attempt timeout', new TimeoutError(1000)],
  ])('retries %s', (_label, error) => {
    const context = chatContext();
    const handler = new ScriptedHandler(context, [fail(error), answer(chatResponse())]);
    const out = observe(new RetryInterceptor({ random: () => 0 }).intercept(context, handler));
    jest.runAllTimers();
    expect(handler.calls).toHaveLength(2);
    expect(out.values).toEqual([chatResponse()]);
  });

  describe("obeys the provider's x-should-retry header over the status", () => {
    const mapped = (provider: string, status: number, shouldRetry?: string): unknown => {
      const response = {
        status,
        headers: shouldRetry === undefined ? {} : { 'x-should-retry': shouldRetry },
        body: { error: { message: 'msg' } },
      };
      return provider === 'anthropic'
        ? mapAnthropicError(response, { secrets: [] })
        : mapOpenAIError(response, { provider, secrets: [] });
    };
    const attemptsFor = (error: unknown): number => {
      const context = chatContext();
      const handler = new ScriptedHandler(context, [fail(error), answer(chatResponse('ok'))]);
      const out = observe(new RetryInterceptor({ random: () => 0 }).intercept(context, handler));
      jest.runAllTimers();
      expect(out.error ?? out.values).toEqual(
        handler.calls.length === 1 ? error : [chatResponse('ok')],
      );
      return handler.calls.length;
    };

    it.each([
      ['a 500 ServerError (OpenAI)', 'openai', 500],
      ['a 429 RateLimitError (OpenAI)', 'openai', 429],
      ['a 409 (Anthropic)', 'anthropic', 409],
    ])('does not retry %s answered with x-should-retry: false', (_label, provider, status) => {
      expect(attemptsFor(mapped(provider, status))).toBe(2);
      expect(attemptsFor(mapped(provider, status, 'false'))).toBe(1);
    });

    it.each([
      ['a 400 InvalidRequestError (OpenAI)', 'openai', 400],
      ['a 401 AuthenticationError (Anthropic)', 'anthropic', 401],
    ])('retries %s answered with x-should-retry: true', (_label, provider, status) => {
      expect(attemptsFor(mapped(provider, status))).toBe(1);
      expect(attemptsFor(mapped(provider, status, 'true'))).toBe(2);
    });

    it('keeps the error class: the 500 not retried is still the ServerError the caller gets', () => {
      const error = mapped('openai', 500, 'false');
      expect(error).toBeInstanceOf(ServerError);
      expect(attemptsFor(error)).toBe(1);
    });
  });

  it('waits a full-jitter exponential backoff: random * min(maxDelay, initial * multiplier^n)', () => {
    const context = chatContext();
    const error = new ServerError('boom', { ...openai, status: 503 });
    const handler = new ScriptedHandler(context, [
      fail(error),
      fail(error),
      fail(error),
      answer(chatResponse()),
    ]);
    const interceptor = new RetryInterceptor({
      maxAttempts: 4,
      initialDelayMs: 1000,
      multiplier: 3,
      maxDelayMs: 5000,
      random: () => 0.5,
    });
    const out = observe(interceptor.intercept(context, handler));
    // Waits: 0.5 * 1000 = 500, then 0.5 * 3000 = 1500, then 0.5 * min(5000, 9000) = 2500.
    jest.advanceTimersByTime(499);
    expect(handler.calls).toHaveLength(1);
    jest.advanceTimersByTime(1);
    expect(handler.calls).toHaveLength(2);
    jest.advanceTimersByTime(1499);
    expect(handler.calls).toHaveLength(2);
    jest.advanceTimersByTime(1);
    expect(handler.calls).toHaveLength(3);
    jest.advanceTimersByTime(2499);
    expect(handler.calls).toHaveLength(3);
    jest.advanceTimersByTime(1);
    expect(handler.calls).toHaveLength(4);
    expect(out.values).toEqual([chatResponse()]);
    expect(context.metadata.get(ConduitMetadataKeys.retryAttempts)).toBe(4);
  });

  it('gives up after maxAttempts with the last error', () => {
    const context = chatContext();
    const errors = [1, 2, 3].map((n) => new ServerError(`boom ${n}`, { ...openai, status: 500 }));
    const handler = new ScriptedHandler(context, errors.map(fail));
    const out = observe(
      new RetryInterceptor({ maxAttempts: 3, random: () => 0 }).intercept(context, handler),
    );
    jest.runAllTimers();
    expect(handler.calls).toHaveLength(3);
    expect(out.error).toBe(errors[2]);
  });

  it('fails at once with the RateLimitError when Retry-After is far beyond maxRetryAfterMs', () => {
    const context = chatContext();
    const limited = mapOpenAIError(
      { status: 429, headers: { 'retry-after': '100000' }, body: { error: { message: 'later' } } },
      { provider: 'openai', secrets: [] },
    );
    const handler = new ScriptedHandler(context, [fail(limited), answer(chatResponse())]);
    const out = observe(new RetryInterceptor().intercept(context, handler));

    // No wait is even scheduled: the caller learns at once, not after two capped 60 s sleeps.
    expect(out.error).toBe(limited);
    expect(out.error).toBeInstanceOf(RateLimitError);
    expect((out.error as RateLimitError).retryAfterMs).toBe(100_000_000);
    expect(jest.getTimerCount()).toBe(0);
    jest.runAllTimers();
    expect(handler.calls).toHaveLength(1);
    expect(context.metadata.get(ConduitMetadataKeys.retryAttempts)).toBe(1);
    expect(context.metadata.get(ConduitMetadataKeys.retryErrors)).toBeUndefined();
  });

  it('fails at once with a 503 ServerError whose retry-after exceeds maxRetryAfterMs', () => {
    const context = chatContext();
    const down = new ServerError('maintenance', { ...openai, status: 503, retryAfterMs: 10_001 });
    const handler = new ScriptedHandler(context, [fail(down), answer(chatResponse())]);
    const out = observe(
      new RetryInterceptor({ maxRetryAfterMs: 10_000 }).intercept(context, handler),
    );
    expect(out.error).toBe(down);
    jest.runAllTimers();
    expect(handler.calls).toHaveLength(1);
  });

  it('still waits a retry-after equal to maxRetryAfterMs, then retries', () => {
    const context = chatContext();
    const limited = new RateLimitError('later', { ...openai, status: 429, retryAfterMs: 10_000 });
    const handler = new ScriptedHandler(context, [fail(limited), answer(chatResponse('ok'))]);
    const out = observe(
      new RetryInterceptor({ maxRetryAfterMs: 10_000 }).intercept(context, handler),
    );
    jest.advanceTimersByTime(9_999);
    expect(handler.calls).toHaveLength(1);
    jest.advanceTimersByTime(1);
    expect(handler.calls).toHaveLength(2);
    expect(out.values).toEqual([chatResponse('ok')]);
  });

  it('stops waiting at once when the caller aborts during the backoff', () => {
    const controller = new AbortController();
    const context = chatContext({ signal: controller.signal });
    const limited = new RateLimitError('slow down', { ...openai, status: 429, retryAfterMs: 5000 });
    const handler = new ScriptedHandler(context, [fail(limited), answer(chatResponse())]);
    const out = observe(new RetryInterceptor().intercept(context, handler));
    jest.advanceTimersByTime(1000);
    controller.abort();
    expect(out.error).toBeInstanceOf(AbortedError);
    jest.runAllTimers();
    expect(handler.calls).toHaveLength(1);
  });

  it('retries a stream that failed before its first event', () => {
    const context = streamContext();
    const events = streamEvents();
    const handler = new ScriptedHandler(context, [
      fail(new ServerError('boom', { ...openai, status: 502 })),
      (signal) => slow(events, 10)(signal),
    ]);
    const out = observe(new RetryInterceptor({ random: () => 0 }).intercept(context, handler));
    jest.runAllTimers();
    expect(handler.calls).toHaveLength(2);
    expect(out.values).toEqual(events);
    expect(out.completed).toBe(true);
  });

  it('never retries a stream once an event reached the caller (no answer sent twice)', () => {
    const context = streamContext();
    const events = streamEvents();
    const broken = new ConnectionError('reset mid-stream');
    const handler = new ScriptedHandler(context, [
      () =>
        concat(
          of(events[0], events[1]),
          throwError(() => broken),
        ),
      answer(chatResponse()),
    ]);
    const out = observe(new RetryInterceptor({ random: () => 0 }).intercept(context, handler));
    jest.runAllTimers();
    expect(handler.calls).toHaveLength(1);
    expect(out.values).toEqual([events[0], events[1]]);
    expect(out.error).toBe(broken);
  });

  it('limits each attempt with attemptTimeoutMs, aborting the timed-out attempt, then retries', () => {
    const context = chatContext();
    const handler = new ScriptedHandler(context, [hang, answer(chatResponse('second'))]);
    const out = observe(
      new RetryInterceptor({ attemptTimeoutMs: 1000, random: () => 0 }).intercept(context, handler),
    );
    jest.advanceTimersByTime(1000);
    expect(handler.calls[0].cancelled).toBe(true);
    expect(handler.calls[0].signal.reason).toBeInstanceOf(TimeoutError);
    jest.runAllTimers();
    expect(handler.calls).toHaveLength(2);
    expect(handler.calls[1].cancelled).toBe(false);
    expect(out.values).toEqual([chatResponse('second')]);
  });

  it('does not retry once an outer TimeoutInterceptor expired: the overall deadline wins', () => {
    const context = chatContext();
    const limited = new RateLimitError('slow down', { ...openai, status: 429, retryAfterMs: 5000 });
    const handler = new ScriptedHandler(context, [fail(limited), answer(chatResponse())]);
    const retry = new RetryInterceptor();
    const overall = new TimeoutInterceptor({ timeoutMs: 3000 });
    const out = observe(
      overall.intercept(context, { handle: () => retry.intercept(context, handler) }),
    );
    jest.advanceTimersByTime(3000);
    expect(out.error).toBeInstanceOf(TimeoutError);
    jest.runAllTimers();
    expect(handler.calls).toHaveLength(1);
  });
});
