import { Logger } from '@nestjs/common';
import { concat, lastValueFrom, NEVER, of, throwError, toArray } from 'rxjs';
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
import {
  ServerError,
  type CallOutput,
  type ConduitCallContext,
  type StreamEvent,
} from '../../core';
import { InMemoryResponseCacheStore } from '../stores/in-memory-response-cache.store';
import { ResponseCacheStore } from '../stores/response-cache.store';
import { ConduitMetadataKeys } from './conduit-metadata.keys';
import { ResponseCacheInterceptor } from './response-cache.interceptor';
import type { ScriptStep } from '../../../test/support/interceptor-harness';

/** Lets background cache writes settle. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Runs one call through the interceptor against a scripted model; returns all it emitted. */
async function run(
  interceptor: ResponseCacheInterceptor,
  context: ConduitCallContext,
  steps: ScriptStep[],
): Promise<{ values: CallOutput[]; modelCalls: number }> {
  const handler = new ScriptedHandler(context, steps);
  const values = await lastValueFrom(interceptor.intercept(context, handler).pipe(toArray()));
  await settle();
  return { values, modelCalls: handler.calls.length };
}

class BrokenStore extends ResponseCacheStore {
  get(): Promise<string | undefined> {
    return Promise.reject(new Error('ECONNREFUSED'));
  }
  set(): Promise<void> {
    return Promise.reject(new Error('ECONNREFUSED'));
  }
  delete(): Promise<void> {
    return Promise.resolve();
  }
}

describe('ResponseCacheInterceptor', () => {
  it('answers a repeated chat request from the cache without calling the model', async () => {
    const cache = new ResponseCacheInterceptor();
    const first = chatContext();
    expect(await run(cache, first, [answer(chatResponse('fresh'))])).toEqual({
      values: [chatResponse('fresh')],
      modelCalls: 1,
    });
    expect(first.metadata.get(ConduitMetadataKeys.cacheHit)).toBe(false);

    const second = chatContext();
    expect(await run(cache, second, [answer(chatResponse('other'))])).toEqual({
      values: [chatResponse('fresh')],
      modelCalls: 0,
    });
    expect(second.metadata.get(ConduitMetadataKeys.cacheHit)).toBe(true);
    expect(second.metadata.get(ConduitMetadataKeys.cacheKey)).toBe(
      first.metadata.get(ConduitMetadataKeys.cacheKey),
    );
  });

  it('calls the model for a different request', async () => {
    const cache = new ResponseCacheInterceptor();
    await run(cache, chatContext(), [answer(chatResponse('a'))]);
    const other = chatContext({ request: { messages: [{ role: 'user', content: 'Other' }] } });
    expect((await run(cache, other, [answer(chatResponse('b'))])).modelCalls).toBe(1);
  });

  it('forgets an answer after ttlMs', async () => {
    let now = 0;
    const store = new InMemoryResponseCacheStore({ now: () => now });
    const cache = new ResponseCacheInterceptor({ ttlMs: 1000, store });
    await run(cache, chatContext(), [answer(chatResponse('a'))]);
    now = 999;
    expect((await run(cache, chatContext(), [answer(chatResponse('b'))])).modelCalls).toBe(0);
    now = 1000;
    expect(await run(cache, chatContext(), [answer(chatResponse('b'))])).toEqual({
      values: [chatResponse('b')],
      modelCalls: 1,
    });
  });

  it('stores a finished stream and replays the same events', async () => {
    const cache = new ResponseCacheInterceptor();
    const events = streamEvents(['The ', 'answer']);
    await run(cache, streamContext(), [emit(events)]);
    const replayed = await run(cache, streamContext(), [emit(streamEvents(['x']))]);
    expect(replayed).toEqual({ values: events, modelCalls: 0 });
  });

  it('never stores a stream that was cut short, failed, or finished with an error', async () => {
    const cache = new ResponseCacheInterceptor();
    const events = streamEvents(['a', 'b']);
    const request = (content: string) => ({ messages: [{ role: 'user' as const, content }] });

    // Cut short: the consumer unsubscribed after the first events.
    const cut = streamContext({ request: request('cut') });
    const handler = new ScriptedHandler(cut, [() => concat(of(...events.slice(0, 2)), NEVER)]);
    const out = observe(cache.intercept(cut, handler));
    await settle();
    expect(out.values).toHaveLength(2);
    out.unsubscribe();
    expect(handler.calls[0]?.cancelled).toBe(true);
    await settle();
    expect(
      (await run(cache, streamContext({ request: request('cut') }), [emit(events)])).modelCalls,
    ).toBe(1);

    // Failed after its first event.
    const broken = new ServerError('boom', { provider: 'openai', status: 500 });
    await expect(
      run(cache, streamContext({ request: request('failed') }), [
        () =>
          concat(
            of(events[0]),
            throwError(() => broken),
          ),
      ]),
    ).rejects.toBe(broken);
    expect(
      (await run(cache, streamContext({ request: request('failed') }), [emit(events)])).modelCalls,
    ).toBe(1);

    // Finished with finishReason 'error'.
    const usage = { inputTokens: 1, outputTokens: 1, totalTokens: 2 };
    const errored: StreamEvent[] = [
      ...events.slice(0, -1),
      {
        type: 'finish',
        finishReason: 'error',
        rawFinishReason: 'error',
        usage,
        providerMetadata: {},
      },
    ];
    await run(cache, streamContext({ request: request('error') }), [emit(errored)]);
    expect(
      (await run(cache, streamContext({ request: request('error') }), [emit(events)])).modelCalls,
    ).toBe(1);
  });

  it('caches embeddings', async () => {
    const cache = new ResponseCacheInterceptor();
    const vectors = {
      embeddings: [[1, 2]],
      model: 'text-embedding-3-small',
      usage: { inputTokens: 2 },
    };
    await run(cache, embedContext(), [answer(vectors)]);
    expect(
      await run(cache, embedContext(), [answer({ ...vectors, embeddings: [[0, 0]] })]),
    ).toEqual({
      values: [vectors],
      modelCalls: 0,
    });
  });

  it('skips calls that shouldCache rejects and kinds not listed', async () => {
    const cache = new ResponseCacheInterceptor({
      kinds: ['chat'],
      shouldCache: (c) =>
        !('request' in c) || (c.request as { temperature?: number }).temperature === 0,
    });
    const warm = { messages: [{ role: 'user' as const, content: 'Hi' }], temperature: 0.9 };
    await run(cache, chatContext({ request: warm }), [answer(chatResponse())]);
    expect(
      (await run(cache, chatContext({ request: warm }), [answer(chatResponse())])).modelCalls,
    ).toBe(1);
    await run(cache, embedContext(), [
      answer({ embeddings: [], model: 'm', usage: { inputTokens: 0 } }),
    ]);
    expect(
      (
        await run(cache, embedContext(), [
          answer({ embeddings: [], model: 'm', usage: { inputTokens: 0 } }),
        ])
      ).modelCalls,
    ).toBe(1);
  });

  it('never fails the call when the store throws: it calls the model and logs a warning', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const cache = new ResponseCacheInterceptor({ store: new BrokenStore() });
      expect(await run(cache, chatContext(), [answer(chatResponse('ok'))])).toEqual({
        values: [chatResponse('ok')],
        modelCalls: 1,
      });
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('Cache read failed'));
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('Cache write failed'));
    } finally {
      warn.mockRestore();
    }
  });

  it('treats a corrupt stored value as a miss', async () => {
    const store = new InMemoryResponseCacheStore();
    const cache = new ResponseCacheInterceptor({ store });
    const context = chatContext();
    await run(cache, context, [answer(chatResponse('a'))]);
    await store.set(
      context.metadata.get(ConduitMetadataKeys.cacheKey) as string,
      '{not json',
      60_000,
    );
    expect((await run(cache, chatContext(), [answer(chatResponse('b'))])).values).toEqual([
      chatResponse('b'),
    ]);
  });

  it('does not wait for a hanging store longer than storeTimeoutMs', async () => {
    jest.useFakeTimers();
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const hangingStore: ResponseCacheStore = {
        get: () => new Promise<undefined>(() => undefined),
        set: () => new Promise<void>(() => undefined),
        delete: () => Promise.resolve(),
      };
      const cache = new ResponseCacheInterceptor({ store: hangingStore, storeTimeoutMs: 200 });
      const context = chatContext();
      const handler = new ScriptedHandler(context, [answer(chatResponse('live'))]);
      const out = observe(cache.intercept(context, handler));
      await jest.advanceTimersByTimeAsync(199);
      expect(handler.calls).toHaveLength(0);
      await jest.advanceTimersByTimeAsync(1);
      expect(out.values).toEqual([chatResponse('live')]);
      expect(out.completed).toBe(true);
    } finally {
      warn.mockRestore();
      jest.useRealTimers();
    }
  });
});
