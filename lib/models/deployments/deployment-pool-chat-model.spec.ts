import { lastValueFrom, Observable, toArray } from 'rxjs';
import type { ChatModel } from '../../core/chat-model.interface';
import type { ChatRequest } from '../../core/chat-options.types';
import type { ChatResponse } from '../../core/chat-response.types';
import { InvalidRequestError } from '../../core/errors/invalid-request.error';
import { RateLimitError } from '../../core/errors/rate-limit.error';
import type { StreamEvent } from '../../core/stream-event.types';
import { DeploymentPoolChatModel } from './deployment-pool-chat-model';

const REQUEST: ChatRequest = { messages: [{ role: 'user', content: 'hi' }] };

function answer(text: string): ChatResponse {
  return {
    id: text,
    model: 'm',
    text,
    toolCalls: [],
    finishReason: 'stop',
    usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
    providerMetadata: {},
  } as unknown as ChatResponse;
}

function rateLimited(): RateLimitError {
  return new RateLimitError('Rate limit reached', {
    provider: 'fake',
    status: 429,
    retryAfterMs: 20_000,
  });
}

/** A deployment that answers with its name, or fails with the next scripted error. */
function deployment(name: string, errors: Error[] = []): ChatModel & { calls: number } {
  const model = {
    specificationVersion: 'v1' as const,
    calls: 0,
    info: () => ({
      provider: 'fake',
      modelId: 'm',
      capabilities: {
        streaming: true,
        tools: false,
        vision: false,
        jsonMode: false,
        structuredOutput: false,
        reasoning: false,
      },
    }),
    chat: (): Promise<ChatResponse> => {
      model.calls++;
      const error = errors.shift();
      return error === undefined ? Promise.resolve(answer(name)) : Promise.reject(error);
    },
    stream: (): Observable<StreamEvent> =>
      new Observable<StreamEvent>((subscriber) => {
        model.calls++;
        const error = errors.shift();
        if (error !== undefined) {
          subscriber.error(error);
          return;
        }
        subscriber.next({ type: 'text-delta', delta: name });
        subscriber.next({
          type: 'finish',
          finishReason: 'stop',
          usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
          providerMetadata: { fake: { id: name } },
        } as unknown as StreamEvent);
        subscriber.complete();
      }),
  };
  return model;
}

describe('DeploymentPoolChatModel', () => {
  it('a 429 moves the same call to the next deployment at once, which then leads while the first cools down', async () => {
    const a = deployment('a', [rateLimited()]);
    const b = deployment('b');
    const pool = new DeploymentPoolChatModel({
      deployments: [
        { name: 'key-a', model: a },
        { name: 'key-b', model: b },
      ],
    });
    const first = await pool.chat(REQUEST);
    expect(first.text).toBe('b');
    expect(first.providerMetadata['conduit']).toEqual({ deployment: 'key-b' });
    // Round-robin would start the next call on b anyway; the one after goes to b too, not a.
    expect((await pool.chat(REQUEST)).text).toBe('b');
    expect((await pool.chat(REQUEST)).text).toBe('b');
    expect(a.calls).toBe(1);
    expect(pool.busy()).toEqual([0, 0]);
  });

  it('an error about the request surfaces at once: the other deployments would fail the same way', async () => {
    const invalid = new InvalidRequestError('bad', { provider: 'fake', status: 400 });
    const a = deployment('a', [invalid]);
    const b = deployment('b');
    const pool = new DeploymentPoolChatModel({
      deployments: [
        { name: 'a', model: a },
        { name: 'b', model: b },
      ],
    });
    await expect(pool.chat(REQUEST)).rejects.toBe(invalid);
    expect(b.calls).toBe(0);
  });

  it('fails with the last error when every deployment answered 429', async () => {
    const last = rateLimited();
    const pool = new DeploymentPoolChatModel({
      deployments: [
        { name: 'a', model: deployment('a', [rateLimited()]) },
        { name: 'b', model: deployment('b', [last]) },
      ],
    });
    await expect(pool.chat(REQUEST)).rejects.toBe(last);
  });

  it('a stream that fails before its first event moves on; its finish event names the deployment', async () => {
    const pool = new DeploymentPoolChatModel({
      deployments: [
        { name: 'a', model: deployment('a', [rateLimited()]) },
        { name: 'b', model: deployment('b') },
      ],
    });
    const events = await lastValueFrom(pool.stream(REQUEST).pipe(toArray()));
    expect(events.map((event) => event.type)).toEqual(['text-delta', 'finish']);
    const finish = events[1] as Extract<StreamEvent, { type: 'finish' }>;
    expect(finish.providerMetadata).toEqual({ fake: { id: 'b' }, conduit: { deployment: 'b' } });
  });

  it('does not move on once the caller aborted', async () => {
    const controller = new AbortController();
    const aborting = deployment('a');
    aborting.chat = () => {
      controller.abort();
      return Promise.reject(rateLimited());
    };
    const b = deployment('b');
    const pool = new DeploymentPoolChatModel({
      deployments: [
        { name: 'a', model: aborting },
        { name: 'b', model: b },
      ],
    });
    const abort = {
      get aborted() {
        return controller.signal.aborted;
      },
      get reason() {
        return controller.signal.reason as unknown;
      },
      signal: controller.signal,
      addListener: () => undefined,
      removeListener: () => undefined,
    };
    await expect(pool.chat(REQUEST, abort)).rejects.toBeInstanceOf(RateLimitError);
    expect(b.calls).toBe(0);
  });

  it('refuses an empty pool', () => {
    expect(() => new DeploymentPoolChatModel({ deployments: [] })).toThrow(TypeError);
  });
});
