import { Logger } from '@nestjs/common';
import {
  answer,
  chatContext,
  chatResponse,
  embedContext,
  emit,
  observe,
  ScriptedHandler,
  streamContext,
  streamEvents,
} from '../../../test/support/interceptor-harness';
import { AbortedError, ConduitValidationError, type ConduitCallContext } from '../../core';
import { RateLimitExceededError } from '../../core/errors/rate-limit-exceeded.error';
import { InMemoryRateLimitStore } from '../stores/in-memory-rate-limit.store';
import { RateLimitStore } from '../stores/rate-limit.store';
import { ConduitMetadataKeys } from './conduit-metadata.keys';
import { RateLimitInterceptor } from './rate-limit.interceptor';

/** Lets promise-based store calls settle under fake timers. */
const flush = async (): Promise<void> => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

function start(limiter: RateLimitInterceptor, context: ConduitCallContext = chatContext()) {
  const handler = new ScriptedHandler(context, [answer(chatResponse())]);
  const out = observe(limiter.intercept(context, handler));
  return { context, handler, out };
}

describe('RateLimitInterceptor', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  it('lets requestsPerMinute calls through, then makes the next one wait for a token', async () => {
    const limiter = new RateLimitInterceptor({ requestsPerMinute: 2 });
    const calls = [start(limiter), start(limiter), start(limiter)];
    await flush();
    expect(calls.map((c) => c.handler.calls.length)).toEqual([1, 1, 0]);
    // 2 per minute = one token every 30 s.
    await jest.advanceTimersByTimeAsync(29_999);
    expect(calls[2]?.handler.calls).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(calls[2]?.handler.calls).toHaveLength(1);
    expect(calls[2]?.out.values).toEqual([chatResponse()]);
    expect(calls[2]?.context.metadata.get(ConduitMetadataKeys.rateLimitWaitMs)).toBe(30_000);
    expect(calls[0]?.context.metadata.get(ConduitMetadataKeys.rateLimitWaitMs)).toBe(0);
  });

  it("fails at once with RateLimitExceededError in 'error' mode, without calling the model", async () => {
    const limiter = new RateLimitInterceptor({ requestsPerMinute: 1, onLimit: 'error' });
    start(limiter);
    const second = start(limiter);
    await flush();
    expect(second.handler.calls).toHaveLength(0);
    const error = second.out.error as RateLimitExceededError;
    expect(error).toBeInstanceOf(RateLimitExceededError);
    expect(error).toMatchObject({
      alias: 'default',
      limit: 'requests',
      retryAfterMs: 60_000,
      reason: 'error-mode',
    });
    expect(error.isRetryable).toBe(false);
  });

  it('fails instead of waiting longer than maxWaitMs', async () => {
    const limiter = new RateLimitInterceptor({ requestsPerMinute: 1, maxWaitMs: 10_000 });
    start(limiter);
    const second = start(limiter);
    await flush();
    expect(second.out.error).toMatchObject({ reason: 'wait-too-long', retryAfterMs: 60_000 });
  });

  it('stops waiting when the call is aborted', async () => {
    const limiter = new RateLimitInterceptor({ requestsPerMinute: 1, maxWaitMs: 120_000 });
    start(limiter);
    const controller = new AbortController();
    const second = start(limiter, chatContext({ signal: controller.signal }));
    await flush();
    controller.abort();
    await flush();
    expect(second.out.error).toBeInstanceOf(AbortedError);
    await jest.advanceTimersByTimeAsync(120_000);
    expect(second.handler.calls).toHaveLength(0);
  });

  it('keeps a separate budget per user key', async () => {
    const limiter = new RateLimitInterceptor({
      requestsPerMinute: 1,
      onLimit: 'error',
      key: (c) => c.metadata.get('tenant') as string,
    });
    const tenant = (name: string) => chatContext({ metadata: new Map([['tenant', name]]) });
    const a1 = start(limiter, tenant('a'));
    const b1 = start(limiter, tenant('b'));
    const a2 = start(limiter, tenant('a'));
    await flush();
    expect([a1, b1, a2].map((c) => c.handler.calls.length)).toEqual([1, 1, 0]);
    expect(a2.out.error).toMatchObject({ key: 'a' });
  });

  it('takes the estimated tokens before the call and corrects them with the real usage after', async () => {
    const store = new InMemoryRateLimitStore();
    const limiter = new RateLimitInterceptor({
      tokensPerMinute: 150,
      onLimit: 'error',
      estimateTokens: () => 100,
      store,
    });
    // Uses 20 tokens (chatResponse usage: 15) -> 85 given back.
    const first = start(limiter);
    await flush();
    expect(first.out.completed).toBe(true);
    // 150 - 100 + 85 = 135 left: another estimated 100 fits at once.
    const second = start(limiter);
    await flush();
    expect(second.handler.calls).toHaveLength(1);
    // 135 - 100 + 85 = 120: a third one fits too; without the correction it would not have.
    const third = start(limiter);
    await flush();
    expect(third.handler.calls).toHaveLength(1);
  });

  it('estimates tokens with the model tokenizer by default, and corrects from a stream finish event', async () => {
    const adjust = jest.spyOn(InMemoryRateLimitStore.prototype, 'adjust');
    try {
      const limiter = new RateLimitInterceptor({ tokensPerMinute: 10_000 });
      const context = streamContext({
        request: { messages: [{ role: 'user', content: 'Hello!' }], maxTokens: 50 },
      });
      const handler = new ScriptedHandler(context, [emit(streamEvents())]);
      const out = observe(limiter.intercept(context, handler));
      await flush();
      expect(out.completed).toBe(true);
      // countTokens = 9 for "Hello!" on gpt-4o-mini, + maxTokens 50 = 59; usage said 15: give back 44.
      expect(adjust).toHaveBeenCalledWith(expect.objectContaining({ capacity: 10_000 }), 44, 0);
    } finally {
      adjust.mockRestore();
    }
  });

  it('estimates embeddings from their texts and corrects from their usage', async () => {
    const adjust = jest.spyOn(InMemoryRateLimitStore.prototype, 'adjust');
    try {
      const limiter = new RateLimitInterceptor({ tokensPerMinute: 10_000 });
      const context = embedContext({ request: { texts: ['hello world', 'hello'] } });
      const handler = new ScriptedHandler(context, [
        answer({ embeddings: [[1], [2]], model: 'e', usage: { inputTokens: 1 } }),
      ]);
      observe(limiter.intercept(context, handler));
      await flush();
      // text-embedding-3-small counts with cl100k_base: 2 + 1 tokens estimated, 1 used.
      expect(adjust).toHaveBeenCalledWith(expect.objectContaining({ capacity: 10_000 }), 2, 0);
    } finally {
      adjust.mockRestore();
    }
  });

  it('leaves tool calls unlimited', async () => {
    const limiter = new RateLimitInterceptor({ requestsPerMinute: 1, onLimit: 'error' });
    const tool = (): ConduitCallContext => ({
      kind: 'tool',
      alias: 'lookup',
      metadata: new Map(),
      signal: new AbortController().signal,
      toolCall: { id: 't', name: 'lookup', arguments: {}, rawArguments: '{}' },
    });
    const results = [start(limiter, tool()), start(limiter, tool())];
    await flush();
    expect(results.map((r) => r.handler.calls.length)).toEqual([1, 1]);
  });

  it('refuses a call that needs more tokens than the whole budget', async () => {
    const limiter = new RateLimitInterceptor({ tokensPerMinute: 100, estimateTokens: () => 101 });
    const call = start(limiter);
    await flush();
    expect(call.out.error).toMatchObject({
      limit: 'tokens',
      reason: 'too-large',
      retryAfterMs: Infinity,
    });
    expect(call.handler.calls).toHaveLength(0);
  });

  it('lets calls through when the store fails, with a warning', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const broken: RateLimitStore = {
        consume: () => Promise.reject(new Error('redis down')),
        adjust: () => Promise.reject(new Error('redis down')),
      };
      const call = start(new RateLimitInterceptor({ requestsPerMinute: 1, store: broken }));
      await flush();
      expect(call.out.values).toEqual([chatResponse()]);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('redis down'));
    } finally {
      warn.mockRestore();
    }
  });

  it('rejects options without a limit or with a non-positive one', () => {
    expect(() => new RateLimitInterceptor()).toThrow(ConduitValidationError);
    expect(() => new RateLimitInterceptor({ requestsPerMinute: 0 })).toThrow(
      'requestsPerMinute: must be a positive number, got 0',
    );
  });
});
