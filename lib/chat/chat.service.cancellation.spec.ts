import { Observable, type Subscriber } from 'rxjs';
import {
  TimeoutError,
  type CallAbort,
  type ChatModel,
  type ChatRequest,
  type ChatResponse,
  type ConduitInterceptor,
  type StreamEvent,
} from '../core';
import { TimeoutInterceptor } from '../interceptors/built-in/timeout.interceptor';
import { MockChatModel } from '../testing';
import type { ChatService } from './chat.service';
import { chatServiceWith } from '../../test/support/chat-service-harness';

/** A model that records what each call received; its calls never settle. */
class RecordingModel implements ChatModel {
  readonly specificationVersion = 'v1' as const;
  readonly calls: { request: ChatRequest; abort: CallAbort | undefined }[] = [];
  readonly subscribers: Subscriber<StreamEvent>[] = [];
  private readonly info_ = new MockChatModel().info();

  /** `supportsCallAbort`: whether ChatService may cancel through the `abort` argument. */
  constructor(readonly supportsCallAbort: boolean) {}

  info(): ReturnType<ChatModel['info']> {
    return this.info_;
  }

  chat(request: ChatRequest, abort?: CallAbort): Promise<ChatResponse> {
    this.calls.push({ request, abort });
    return new Promise<ChatResponse>(() => undefined);
  }

  stream(request: ChatRequest, abort?: CallAbort): Observable<StreamEvent> {
    return new Observable<StreamEvent>((subscriber) => {
      this.calls.push({ request, abort });
      this.subscribers.push(subscriber);
    });
  }
}

async function serviceWith(
  model: ChatModel,
  interceptors: ConduitInterceptor[] = [],
): Promise<ChatService> {
  return (await chatServiceWith({ models: { default: model }, interceptors })).chat;
}

describe('ChatService cancellation', () => {
  afterEach(() => jest.useRealTimers());

  it('hands a supportsCallAbort model a CallAbort and no signal; the timeout fires it and fails the call', async () => {
    jest.useFakeTimers();
    const model = new RecordingModel(true);
    const chat = await serviceWith(model);
    const pending = chat.chat('Hi', { timeoutMs: 100 });
    const outcome = expect(pending).rejects.toEqual(new TimeoutError(100));
    await jest.advanceTimersByTimeAsync(0);
    const [{ request, abort }] = model.calls;
    expect('signal' in request).toBe(false);
    expect(abort?.aborted).toBe(false);
    const heard = jest.fn();
    abort!.addListener(heard);
    await jest.advanceTimersByTimeAsync(100);
    await outcome;
    expect(abort!.aborted).toBe(true);
    expect(heard).toHaveBeenCalledWith(new TimeoutError(100));
    // The signal made on demand afterwards is already aborted, with the same reason.
    expect(abort!.signal.reason).toEqual(new TimeoutError(100));
  });

  it("gives any other model request.signal, aborted with the caller's reason", async () => {
    const model = new RecordingModel(false);
    const chat = await serviceWith(model);
    const caller = new AbortController();
    const pending = chat.chat('Hi', { signal: caller.signal, timeoutMs: 0 });
    await new Promise((resolve) => setImmediate(resolve));
    expect(model.calls[0].abort).toBeUndefined();
    const signal = model.calls[0].request.signal;
    expect(signal).toBeInstanceOf(AbortSignal);
    caller.abort('stop');
    await expect(pending).rejects.toMatchObject({ name: 'AbortedError', cause: 'stop' });
    expect(signal?.aborted).toBe(true);
    expect(signal?.reason).toBe('stop');
  });

  it('aborts the CallAbort of a stream when it is unsubscribed', async () => {
    const model = new RecordingModel(true);
    const chat = await serviceWith(model);
    const subscription = chat.stream('Hi').subscribe({ error: () => undefined });
    await new Promise((resolve) => setImmediate(resolve));
    const [{ request, abort }] = model.calls;
    expect('signal' in request).toBe(false);
    subscription.unsubscribe();
    expect(abort?.aborted).toBe(true);
    expect(model.subscribers[0].closed).toBe(true);
  });

  it('through interceptors: a CallAbort per attempt, which follows a signal an interceptor narrowed', async () => {
    jest.useFakeTimers();
    const model = new RecordingModel(true);
    const chat = await serviceWith(model, [new TimeoutInterceptor({ timeoutMs: 50 })]);
    const pending = chat.chat('Hi', { timeoutMs: 0 });
    const outcome = expect(pending).rejects.toEqual(new TimeoutError(50));
    await jest.advanceTimersByTimeAsync(0);
    const [{ request, abort }] = model.calls;
    expect('signal' in request).toBe(false);
    expect(abort?.aborted).toBe(false);
    await jest.advanceTimersByTimeAsync(50);
    await outcome;
    expect(abort?.aborted).toBe(true);
    expect(abort?.reason).toEqual(new TimeoutError(50));
  });
});
