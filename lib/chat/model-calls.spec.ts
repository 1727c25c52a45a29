import type { ChatCallContext, ChatResponse } from '../core';
import { AbortedError, TimeoutError } from '../core';
import type { CallAbort } from '../core/call-abort';
import { createCallSignal } from './call-signal';
import { runModelCall } from './model-calls';

// Opaque to runModelCall: only its identity is checked.
const answer: ChatResponse = {
  id: 'r1',
  model: 'm',
  text: 'Hi',
  content: [{ type: 'text', text: 'Hi' }],
  toolCalls: [],
  finishReason: 'stop',
  rawFinishReason: 'stop',
  usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
  message: { role: 'assistant', content: 'Hi' },
  warnings: [],
  providerMetadata: {},
};

function contextWith(signal: AbortSignal): ChatCallContext {
  return {
    kind: 'chat',
    alias: 'default',
    metadata: new Map(),
    signal,
    request: { messages: [{ role: 'user', content: 'Hi' }] },
  };
}

/** A model call that ignores its signal and never settles; records the signal its request had. */
function hangingModel(): {
  signals: (AbortSignal | undefined)[];
  invoke: (ctx: ChatCallContext, abort: CallAbort) => Promise<ChatResponse>;
} {
  const signals: (AbortSignal | undefined)[] = [];
  return {
    signals,
    invoke: (_ctx, abort) => {
      signals.push(abort.signal);
      return new Promise<ChatResponse>(() => undefined);
    },
  };
}

describe('runModelCall without interceptors', () => {
  afterEach(() => jest.useRealTimers());

  it("gives the model the call's own CallAbort and clears the timer once it resolves", async () => {
    jest.useFakeTimers();
    const call = createCallSignal(undefined, 1000);
    let received: CallAbort | undefined;
    const result = await runModelCall([], contextWith(call.signal), call, (_ctx, abort) => {
      received = abort;
      return Promise.resolve(answer);
    });
    expect(result).toBe(answer);
    expect(received).toBe(call);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('fails with the TimeoutError at once even when the model ignores its signal, and aborts it', async () => {
    jest.useFakeTimers();
    const call = createCallSignal(undefined, 500);
    const model = hangingModel();
    const result = runModelCall([], contextWith(call.signal), call, model.invoke);
    const settled = expect(result).rejects.toEqual(new TimeoutError(500));
    await jest.advanceTimersByTimeAsync(500);
    await settled;
    expect(model.signals[0]?.aborted).toBe(true);
    expect(model.signals[0]?.reason).toBeInstanceOf(TimeoutError);
  });

  it("fails with AbortedError when the caller's signal aborts, and detaches from it", async () => {
    const caller = new AbortController();
    const call = createCallSignal(caller.signal, 0);
    const model = hangingModel();
    const result = runModelCall([], contextWith(call.signal), call, model.invoke);
    caller.abort('stop');
    const error = (await result.catch((e: unknown) => e)) as AbortedError;
    expect(error).toBeInstanceOf(AbortedError);
    expect(error.cause).toBe('stop');
    expect(model.signals[0]?.reason).toBe('stop');
  });

  it('does not call the model when the call is already aborted', async () => {
    const call = createCallSignal(AbortSignal.abort(new TimeoutError(1)), 0);
    const invoke = jest.fn(() => Promise.resolve(answer));
    await expect(runModelCall([], contextWith(call.signal), call, invoke)).rejects.toEqual(
      new TimeoutError(1),
    );
    expect(invoke).not.toHaveBeenCalled();
  });

  it('turns a synchronous throw of the model into a rejection', async () => {
    const call = createCallSignal(undefined, 0);
    const boom = new Error('bad model');
    await expect(
      runModelCall([], contextWith(call.signal), call, () => {
        throw boom;
      }),
    ).rejects.toBe(boom);
  });
});
