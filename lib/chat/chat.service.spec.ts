import { map, Observable } from 'rxjs';
import {
  AbortedError,
  ConduitError,
  TimeoutError,
  type CallOutput,
  type ConduitInterceptor,
} from '../core';
import { MockChatModel, MockEmbeddingModel, MockResponses } from '../testing';
import { chatServiceWith as serviceWith } from '../../test/support/chat-service-harness';

describe('ChatService', () => {
  afterEach(() => jest.useRealTimers());

  describe('chat', () => {
    it('sends a string as one user message with the settings, keeping call controls out of the request', async () => {
      const model = new MockChatModel({ responses: ['Hello there'] });
      const { chat } = await serviceWith({ models: { default: model } });
      const answer = await chat.chat('Hi', {
        temperature: 0.3,
        maxTokens: 50,
        headers: { 'x-trace': '1' },
        timeoutMs: 5000,
        interceptors: [],
        // Resilience settings steer the call; they must not reach the provider's request.
        retry: { maxRetries: 1 },
        fallbacks: [],
        fallbackOn: [],
      });
      expect(answer.text).toBe('Hello there');
      expect(answer.finishReason).toBe('stop');
      const request = model.requests[0];
      expect(request.messages).toEqual([{ role: 'user', content: 'Hi' }]);
      expect(request).toMatchObject({
        temperature: 0.3,
        maxTokens: 50,
        headers: { 'x-trace': '1' },
      });
      expect(Object.keys(request).sort()).toEqual([
        'headers',
        'maxTokens',
        'messages',
        'signal',
        'temperature',
      ]);
      expect(request.signal).toBeInstanceOf(AbortSignal);
    });

    it('uses the model named by the alias', async () => {
      const fast = new MockChatModel({ responses: ['fast answer'] });
      const { chat } = await serviceWith({ models: { default: new MockChatModel(), fast } });
      expect((await chat.chat([{ role: 'user', content: 'Hi' }], { model: 'fast' })).text).toBe(
        'fast answer',
      );
    });

    it('passes provider errors through unchanged', async () => {
      const model = new MockChatModel({ responses: [MockResponses.rateLimited(1500)] });
      // The built-in retry off: this is about the error as the model threw it.
      const { chat } = await serviceWith({ models: { default: model }, retry: false });
      await expect(chat.chat('Hi')).rejects.toMatchObject({
        name: 'RateLimitError',
        retryAfterMs: 1500,
        isRetryable: true,
      });
    });

    it('fails with TimeoutError when timeoutMs passes, and aborts the model request', async () => {
      jest.useFakeTimers();
      const model = new MockChatModel({ responses: [{ text: 'late', delayMs: 10_000 }] });
      const { chat } = await serviceWith({ models: { default: model } });
      const result = chat.chat('Hi', { timeoutMs: 1000 });
      const settled = expect(result).rejects.toBeInstanceOf(TimeoutError);
      await jest.advanceTimersByTimeAsync(1000);
      await settled;
      await expect(result).rejects.toMatchObject({ timeoutMs: 1000 });
      expect(model.requests[0].signal!.aborted).toBe(true);
      expect(model.requests[0].signal!.reason).toBeInstanceOf(TimeoutError);
      expect(model.cancelledCalls).toBe(1);
      expect(jest.getTimerCount()).toBe(0);
    });

    it('uses the module timeoutMs when the call sets none', async () => {
      jest.useFakeTimers();
      const model = new MockChatModel({ responses: [{ text: 'late', delayMs: 10_000 }] });
      const { chat } = await serviceWith({ models: { default: model }, timeoutMs: 250 });
      const result = chat.chat('Hi');
      const settled = expect(result).rejects.toMatchObject({
        name: 'TimeoutError',
        timeoutMs: 250,
      });
      await jest.advanceTimersByTimeAsync(250);
      await settled;
    });

    it('clears its timer when the call succeeds', async () => {
      jest.useFakeTimers();
      const model = new MockChatModel({ responses: ['quick'] });
      const { chat } = await serviceWith({ models: { default: model } });
      await chat.chat('Hi', { timeoutMs: 60_000 });
      expect(jest.getTimerCount()).toBe(0);
    });

    it("fails with AbortedError when the caller's signal aborts, and aborts the model request", async () => {
      const model = new MockChatModel({ responses: [{ text: 'late', delayMs: 60_000 }] });
      const { chat } = await serviceWith({ models: { default: model } });
      const controller = new AbortController();
      const result = chat.chat('Hi', { signal: controller.signal });
      await new Promise((resolve) => setImmediate(resolve));
      expect(model.requests).toHaveLength(1);
      controller.abort();
      await expect(result).rejects.toBeInstanceOf(AbortedError);
      expect(model.requests[0].signal!.aborted).toBe(true);
      expect(model.cancelledCalls).toBe(1);
    });

    it('does not call the model at all when the signal is already aborted', async () => {
      const model = new MockChatModel({ responses: ['never'] });
      const { chat } = await serviceWith({ models: { default: model } });
      const reason = new TimeoutError(5);
      await expect(chat.chat('Hi', { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
      expect(model.requests).toHaveLength(0);
    });

    it('says so when an interceptor completes without a response', async () => {
      const swallow: ConduitInterceptor = {
        intercept: () => new Observable<CallOutput>((s) => s.complete()),
      };
      const { chat } = await serviceWith({ models: { default: new MockChatModel() } });
      const error = await chat.chat('Hi', { interceptors: [swallow] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConduitError);
      expect((error as Error).message).toContain('completed without a response');
    });
  });

  describe('embed', () => {
    it('embeds a string or a list with the chosen model and dimensions', async () => {
      const embedding = new MockEmbeddingModel({ dimensions: 4 });
      const { chat } = await serviceWith({
        models: { default: new MockChatModel() },
        embeddingModels: { default: embedding },
      });
      const one = await chat.embed('hello');
      expect(one.embeddings).toHaveLength(1);
      expect(one.embeddings[0]).toHaveLength(4);
      const many = await chat.embed(['a', 'b'], { dimensions: 6, headers: { 'x-a': '1' } });
      expect(many.embeddings.map((v) => v.length)).toEqual([6, 6]);
      expect(embedding.requests[1]).toMatchObject({
        texts: ['a', 'b'],
        dimensions: 6,
        headers: { 'x-a': '1' },
      });
      expect(many.embeddings[0]).toEqual(embedding.vectorFor('a', 6));
    });

    it('says how to configure embeddings when none are', async () => {
      const { chat } = await serviceWith({ models: { default: new MockChatModel() } });
      await expect(chat.embed('hello')).rejects.toThrow(
        'model: no embedding models are configured; add embeddingModels: { default: ... } to ConduitModule.forRoot',
      );
    });

    it('maps responses through interceptors', async () => {
      const { chat } = await serviceWith({
        models: { default: new MockChatModel() },
        embeddingModels: { default: new MockEmbeddingModel() },
        interceptors: [
          {
            intercept: (context, next) =>
              context.kind === 'embed'
                ? next.handle().pipe(map((out) => ({ ...out, model: 'renamed' })))
                : next.handle(),
          },
        ],
      });
      expect((await chat.embed('x')).model).toBe('renamed');
    });
  });
});
