import { AbortedError, TimeoutError, type ToolCallContext } from '../../core';
import {
  answer,
  chatContext,
  chatResponse,
  hang,
  observe,
  ScriptedHandler,
  slow,
  streamContext,
  streamEvents,
} from '../../../test/support/interceptor-harness';
import { StreamIdleTimeoutInterceptor } from './stream-idle-timeout.interceptor';
import { TimeoutInterceptor } from './timeout.interceptor';

describe('TimeoutInterceptor', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('fails a call that outlives timeoutMs with TimeoutError and aborts the model call with it', () => {
    const context = chatContext();
    const original = context.signal;
    const handler = new ScriptedHandler(context, [hang]);
    const out = observe(new TimeoutInterceptor({ timeoutMs: 1000 }).intercept(context, handler));

    // The model received a narrowed signal, not the caller's.
    expect(handler.calls[0].signal).not.toBe(original);
    jest.advanceTimersByTime(999);
    expect(out.error).toBeUndefined();
    jest.advanceTimersByTime(1);
    expect(out.error).toBeInstanceOf(TimeoutError);
    expect((out.error as TimeoutError).timeoutMs).toBe(1000);
    expect(handler.calls[0].cancelled).toBe(true);
    expect(handler.calls[0].signal.reason).toBe(out.error);
    // The caller's signal is untouched and back in the context.
    expect(original.aborted).toBe(false);
    expect(context.signal).toBe(original);
  });

  it('lets a call that finishes in time through and leaves no timer behind', () => {
    const context = chatContext();
    const original = context.signal;
    const handler = new ScriptedHandler(context, [slow([chatResponse()], 500)]);
    const out = observe(new TimeoutInterceptor({ timeoutMs: 1000 }).intercept(context, handler));
    jest.advanceTimersByTime(500);
    expect(out.values).toEqual([chatResponse()]);
    expect(out.completed).toBe(true);
    expect(jest.getTimerCount()).toBe(0);
    expect(context.signal).toBe(original);
  });

  it('bounds the whole stream, not each event', () => {
    const context = streamContext();
    const events = streamEvents(['a', 'b', 'c', 'd']);
    const handler = new ScriptedHandler(context, [slow(events, 400)]);
    const out = observe(new TimeoutInterceptor({ timeoutMs: 1000 }).intercept(context, handler));
    jest.advanceTimersByTime(1000);
    expect(out.values).toEqual(events.slice(0, 2));
    expect(out.error).toBeInstanceOf(TimeoutError);
    expect(handler.calls[0].cancelled).toBe(true);
  });

  it('still passes the caller abort through the narrowed signal', () => {
    const controller = new AbortController();
    const context = chatContext({ signal: controller.signal });
    const handler = new ScriptedHandler(context, [hang]);
    const out = observe(new TimeoutInterceptor({ timeoutMs: 1000 }).intercept(context, handler));
    controller.abort(new AbortedError());
    expect(handler.calls[0].signal.aborted).toBe(true);
    expect(out.error).toBeInstanceOf(AbortedError);
  });

  it('cancels the model call when the caller unsubscribes, and restores the signal', () => {
    const context = chatContext();
    const original = context.signal;
    const handler = new ScriptedHandler(context, [hang]);
    const out = observe(new TimeoutInterceptor({ timeoutMs: 1000 }).intercept(context, handler));
    out.unsubscribe();
    expect(handler.calls[0].cancelled).toBe(true);
    expect(context.signal).toBe(original);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('leaves kinds outside `kinds` untimed (tools by default)', () => {
    const context: ToolCallContext = {
      kind: 'tool',
      alias: 'lookup',
      metadata: new Map(),
      signal: new AbortController().signal,
      toolCall: { id: 't1', name: 'lookup', arguments: {}, rawArguments: '{}' },
    };
    const handler = new ScriptedHandler(context, [hang]);
    const out = observe(new TimeoutInterceptor({ timeoutMs: 10 }).intercept(context, handler));
    jest.advanceTimersByTime(10_000);
    expect(out.error).toBeUndefined();
    expect(handler.calls[0].signal).toBe(context.signal);
  });

  it('defaults to 60 s', () => {
    const context = chatContext();
    const out = observe(
      new TimeoutInterceptor().intercept(context, new ScriptedHandler(context, [hang])),
    );
    jest.advanceTimersByTime(59_999);
    expect(out.error).toBeUndefined();
    jest.advanceTimersByTime(1);
    expect(out.error).toBeInstanceOf(TimeoutError);
  });
});

describe('StreamIdleTimeoutInterceptor', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('never cuts a stream that keeps flowing, however long it lasts', () => {
    const context = streamContext();
    const events = streamEvents(Array.from({ length: 20 }, (_, i) => `d${i}`));
    const handler = new ScriptedHandler(context, [slow(events, 400)]);
    const out = observe(
      new StreamIdleTimeoutInterceptor({ idleTimeoutMs: 500 }).intercept(context, handler),
    );
    jest.advanceTimersByTime(400 * events.length);
    expect(out.values).toEqual(events);
    expect(out.completed).toBe(true);
  });

  it('ends a silent stream with TimeoutError and aborts its request', () => {
    const context = streamContext();
    const events = streamEvents(['a', 'b']);
    const handler = new ScriptedHandler(context, [slow(events, 600)]);
    const out = observe(
      new StreamIdleTimeoutInterceptor({ idleTimeoutMs: 500 }).intercept(context, handler),
    );
    jest.advanceTimersByTime(500);
    expect(out.values).toEqual([]);
    expect(out.error).toBeInstanceOf(TimeoutError);
    expect((out.error as Error).message).toBe(
      'The stream sent nothing for 500 ms and was cancelled.',
    );
    expect(handler.calls[0].cancelled).toBe(true);
    expect(handler.calls[0].signal.reason).toBe(out.error);
  });

  it('leaves non-stream calls alone', () => {
    const context = chatContext();
    const handler = new ScriptedHandler(context, [answer(chatResponse())]);
    const out = observe(
      new StreamIdleTimeoutInterceptor({ idleTimeoutMs: 1 }).intercept(context, handler),
    );
    expect(out.values).toEqual([chatResponse()]);
    expect(handler.calls[0].signal).toBe(context.signal);
  });
});
