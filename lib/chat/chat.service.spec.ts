import { Test, type TestingModule } from '@nestjs/testing';
import { lastValueFrom, map, Observable, of, tap, toArray, type Subscription } from 'rxjs';
import { ConduitModule } from '../conduit.module';
import type { ConduitModuleOptions } from '../conduit-options.interface';
import {
  AbortedError,
  ConduitError,
  ConduitValidationError,
  TimeoutError,
  type CallHandler,
  type CallOutput,
  type ConduitCallContext,
  type ConduitInterceptor,
  type StreamEvent,
} from '../core';
import { MockChatModel, MockEmbeddingModel, MockResponses } from '../testing';
import { ChatService } from './chat.service';

async function serviceWith(
  options: ConduitModuleOptions,
): Promise<{ chat: ChatService; moduleRef: TestingModule }> {
  const moduleRef = await Test.createTestingModule({
    imports: [ConduitModule.forRoot(options)],
  }).compile();
  return { chat: moduleRef.get(ChatService), moduleRef };
}

function tracer(name: string, log: string[]): ConduitInterceptor {
  return {
    intercept(context: ConduitCallContext, next: CallHandler): Observable<CallOutput> {
      log.push(`${name}>${context.kind}:${context.alias}`);
      return next.handle().pipe(tap({ complete: () => log.push(`<${name}`) }));
    },
  };
}

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
      const { chat } = await serviceWith({ models: { default: model } });
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

  describe('input validation, before anything is sent', () => {
    const cases: [string, () => [unknown, unknown], string][] = [
      ['an empty message list', () => [[], {}], 'messages'],
      ['an empty string', () => ['  ', {}], 'messages'],
      ['an unknown role', () => [[{ role: 'robot', content: 'x' }], {}], 'messages[0].role'],
      [
        'a tool message without toolCallId',
        () => [[{ role: 'tool', content: '42' }], {}],
        'messages[0].toolCallId',
      ],
      [
        'a bad content part',
        () => [[{ role: 'user', content: [{ type: 'video', url: 'x' }] }], {}],
        'messages[0].content[0]',
      ],
      ['temperature above 2', () => ['Hi', { temperature: 2.5 }], 'temperature'],
      ['topP above 1', () => ['Hi', { topP: 1.2 }], 'topP'],
      ['maxTokens not a positive integer', () => ['Hi', { maxTokens: 0 }], 'maxTokens'],
      ['a fractional maxTokens', () => ['Hi', { maxTokens: 10.5 }], 'maxTokens'],
      ['an unknown model alias', () => ['Hi', { model: 'smart' }], 'model'],
    ];

    it.each(cases)('chat rejects %s naming the field', async (_name, args, field) => {
      const model = new MockChatModel({ responses: ['never'] });
      const { chat } = await serviceWith({ models: { default: model, fast: new MockChatModel() } });
      const [messages, options] = args();
      const error = await chat.chat(messages as string, options as object).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConduitValidationError);
      expect((error as ConduitValidationError).field).toBe(field);
      expect(model.requests).toHaveLength(0);
    });

    it('lists the known aliases when the alias is unknown', async () => {
      const { chat } = await serviceWith({
        models: { default: new MockChatModel(), fast: new MockChatModel() },
      });
      await expect(chat.chat('Hi', { model: 'smart' })).rejects.toThrow(
        'model: unknown chat model alias "smart"; known aliases: default, fast',
      );
    });

    it.each(cases)(
      'stream fails with %s on subscribe, without calling the model',
      async (_name, args, field) => {
        const model = new MockChatModel({ responses: ['never'] });
        const { chat } = await serviceWith({
          models: { default: model, fast: new MockChatModel() },
        });
        const [messages, options] = args();
        const stream = chat.stream(messages as string, options as object);
        const error = await lastValueFrom(stream).catch((e: unknown) => e);
        expect((error as ConduitValidationError).field).toBe(field);
        expect(model.requests).toHaveLength(0);
      },
    );

    it('embed rejects empty texts and bad dimensions before calling the model', async () => {
      const embedding = new MockEmbeddingModel();
      const { chat } = await serviceWith({
        models: { default: new MockChatModel() },
        embeddingModels: { default: embedding },
      });
      await expect(chat.embed([])).rejects.toMatchObject({ field: 'texts' });
      await expect(chat.embed(['a', ''])).rejects.toMatchObject({ field: 'texts[1]' });
      await expect(chat.embed('a', { dimensions: -1 })).rejects.toMatchObject({
        field: 'dimensions',
      });
      expect(embedding.requests).toHaveLength(0);
    });
  });

  describe('stream', () => {
    it('is cold: nothing is sent until subscribe, and each subscription is a new call', async () => {
      const model = new MockChatModel({ responses: ['one', 'two'] });
      const { chat } = await serviceWith({ models: { default: model } });
      const stream = chat.stream('Hi');
      await new Promise((resolve) => setImmediate(resolve));
      expect(model.requests).toHaveLength(0);
      const first = await lastValueFrom(stream.pipe(toArray()));
      const second = await lastValueFrom(stream.pipe(toArray()));
      expect(model.requests).toHaveLength(2);
      expect(first.map((e) => e.type)).toEqual(['start', 'text-delta', 'usage', 'finish']);
      expect(second[1]).toEqual({ type: 'text-delta', delta: 'two' });
    });

    it('emits start, text deltas, tool calls, usage and finish from the model', async () => {
      const model = new MockChatModel({
        responses: [
          {
            text: 'Let me check.',
            toolCalls: [{ id: 'call_1', name: 'weather', arguments: { city: 'Paris' } }],
          },
        ],
      });
      const { chat } = await serviceWith({ models: { default: model } });
      const events = await lastValueFrom(chat.stream('Weather?').pipe(toArray()));
      expect(events.map((e) => e.type)).toEqual([
        'start',
        'text-delta',
        'text-delta',
        'text-delta',
        'tool-call-start',
        'tool-call-delta',
        'tool-call',
        'usage',
        'finish',
      ]);
      expect(events[6]).toMatchObject({
        toolCall: { id: 'call_1', name: 'weather', arguments: { city: 'Paris' } },
      });
      expect(events[8]).toMatchObject({ finishReason: 'tool_calls' });
    });

    it('unsubscribing mid-answer reaches the model: its stream is torn down and its signal aborted', async () => {
      jest.useFakeTimers();
      const model = new MockChatModel({
        responses: [{ text: 'one two three four', delayMs: 100 }],
      });
      const { chat } = await serviceWith({ models: { default: model } });
      const seen: StreamEvent[] = [];
      const subscription: Subscription = chat.stream('Hi').subscribe((event) => seen.push(event));
      await jest.advanceTimersByTimeAsync(250);
      expect(seen.map((e) => e.type)).toEqual(['start', 'text-delta', 'text-delta']);
      subscription.unsubscribe();
      expect(model.cancelledCalls).toBe(1);
      expect(model.requests[0].signal!.aborted).toBe(true);
      expect(model.requests[0].signal!.reason).toBeInstanceOf(AbortedError);
      await jest.advanceTimersByTimeAsync(1000);
      expect(seen).toHaveLength(3);
      expect(jest.getTimerCount()).toBe(0);
    });

    it('fails with TimeoutError when the whole stream takes longer than timeoutMs', async () => {
      jest.useFakeTimers();
      const model = new MockChatModel({ responses: [{ text: 'a b c d e', delayMs: 100 }] });
      const { chat } = await serviceWith({ models: { default: model } });
      const seen: string[] = [];
      let failure: unknown;
      chat
        .stream('Hi', { timeoutMs: 250 })
        .subscribe({ next: (e) => seen.push(e.type), error: (e: unknown) => (failure = e) });
      await jest.advanceTimersByTimeAsync(250);
      expect(failure).toBeInstanceOf(TimeoutError);
      expect(seen).toEqual(['start', 'text-delta', 'text-delta']);
      expect(model.cancelledCalls).toBe(1);
    });

    it("fails with AbortedError when the caller's signal aborts", async () => {
      jest.useFakeTimers();
      const model = new MockChatModel({ responses: [{ text: 'a b c', delayMs: 100 }] });
      const { chat } = await serviceWith({ models: { default: model } });
      const controller = new AbortController();
      let failure: unknown;
      chat
        .stream('Hi', { signal: controller.signal })
        .subscribe({ error: (e: unknown) => (failure = e) });
      await jest.advanceTimersByTimeAsync(150);
      controller.abort();
      expect(failure).toBeInstanceOf(AbortedError);
      expect(model.cancelledCalls).toBe(1);
    });
  });

  describe('interceptors', () => {
    it('run global, then per model, then per call, around chat and stream, with the call context', async () => {
      const log: string[] = [];
      const contexts: ConduitCallContext[] = [];
      const capture: ConduitInterceptor = {
        intercept: (context, next) => (contexts.push(context), next.handle()),
      };
      const { chat } = await serviceWith({
        models: {
          default: new MockChatModel({ responses: ['a', 'b'], modelId: 'mock-1' }),
          other: new MockChatModel(),
        },
        interceptors: [tracer('global', log)],
        modelInterceptors: { default: [tracer('model', log)], other: [tracer('other', log)] },
      });
      await chat.chat('Hi', { interceptors: [tracer('call', log), capture] });
      await lastValueFrom(chat.stream('Hi', { interceptors: [tracer('call', log)] }));
      expect(log).toEqual([
        'global>chat:default',
        'model>chat:default',
        'call>chat:default',
        '<call',
        '<model',
        '<global',
        'global>stream:default',
        'model>stream:default',
        'call>stream:default',
        '<call',
        '<model',
        '<global',
      ]);
      const context = contexts[0];
      expect(context).toMatchObject({
        kind: 'chat',
        alias: 'default',
        modelInfo: { provider: 'mock', modelId: 'mock-1' },
      });
      expect(context.signal).toBeInstanceOf(AbortSignal);
      expect(context.metadata).toBeInstanceOf(Map);
    });

    it("shares the caller's metadata Map with the interceptors", async () => {
      const { chat } = await serviceWith({
        models: { default: new MockChatModel({ responses: ['a', 'b'] }) },
        interceptors: [
          {
            intercept: (context, next) => {
              context.metadata.set('seen', context.kind);
              return next.handle();
            },
          },
        ],
      });
      const metadata = new Map<string, unknown>();
      await chat.chat('Hi', { metadata });
      expect(metadata.get('seen')).toBe('chat');
      const streamed = new Map<string, unknown>();
      await lastValueFrom(chat.stream('Hi', { metadata: streamed }));
      expect(streamed.get('seen')).toBe('stream');
    });

    it('a per-call interceptor can change the request the model receives', async () => {
      const model = new MockChatModel({ responses: ['ok'] });
      const { chat } = await serviceWith({ models: { default: model } });
      const lowerTemperature: ConduitInterceptor = {
        intercept(context, next) {
          if (context.kind === 'chat') context.request = { ...context.request, temperature: 0 };
          return next.handle();
        },
      };
      await chat.chat('Hi', { temperature: 1, interceptors: [lowerTemperature] });
      expect(model.requests[0].temperature).toBe(0);
    });

    it('embed runs the global and the embedding model interceptors, not the chat ones', async () => {
      const log: string[] = [];
      const { chat } = await serviceWith({
        models: { default: new MockChatModel() },
        embeddingModels: { default: new MockEmbeddingModel() },
        interceptors: [tracer('global', log)],
        modelInterceptors: { default: [tracer('chat-model', log)] },
        embeddingModelInterceptors: { default: [tracer('embedding-model', log)] },
      });
      await chat.embed('hello');
      expect(log).toEqual([
        'global>embed:default',
        'embedding-model>embed:default',
        '<embedding-model',
        '<global',
      ]);
    });

    it('an interceptor can answer a stream itself', async () => {
      const model = new MockChatModel();
      const { chat } = await serviceWith({ models: { default: model } });
      const canned: ConduitInterceptor = {
        intercept: () => of<StreamEvent>({ type: 'text-delta', delta: 'canned' }),
      };
      const events = await lastValueFrom(
        chat.stream('Hi', { interceptors: [canned] }).pipe(toArray()),
      );
      expect(events).toEqual([{ type: 'text-delta', delta: 'canned' }]);
      expect(model.requests).toHaveLength(0);
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
