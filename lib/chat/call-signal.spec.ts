import { AbortedError, TimeoutError } from '../core';
import { toAbortError } from './abort-error';
import { createCallSignal } from './call-signal';

describe('createCallSignal', () => {
  afterEach(() => jest.useRealTimers());

  it('aborts with a TimeoutError when the time is up', () => {
    jest.useFakeTimers();
    const call = createCallSignal(undefined, 500);
    jest.advanceTimersByTime(499);
    expect(call.signal.aborted).toBe(false);
    jest.advanceTimersByTime(1);
    expect(call.signal.reason).toEqual(new TimeoutError(500));
    call.dispose();
  });

  it("follows the caller's signal with its reason and detaches on dispose", () => {
    const caller = new AbortController();
    const first = createCallSignal(caller.signal, 0);
    caller.abort('stop');
    expect(first.signal.reason).toBe('stop');

    const other = new AbortController();
    const second = createCallSignal(other.signal, 0);
    second.dispose();
    other.abort();
    expect(second.signal.aborted).toBe(false);
  });

  it('starts aborted when the caller already aborted, without arming a timer', () => {
    jest.useFakeTimers();
    const call = createCallSignal(AbortSignal.abort('early'), 100);
    expect(call.signal.reason).toBe('early');
    expect(jest.getTimerCount()).toBe(0);
  });

  it('0 means no timeout, and dispose clears the timer', () => {
    jest.useFakeTimers();
    createCallSignal(undefined, 0);
    expect(jest.getTimerCount()).toBe(0);
    const call = createCallSignal(undefined, 100);
    expect(jest.getTimerCount()).toBe(1);
    call.dispose();
    expect(jest.getTimerCount()).toBe(0);
  });
});

describe('createCallSignal as a CallAbort', () => {
  it('tells its listeners once, and makes its AbortSignal only when read, aborted if the call is', () => {
    const call = createCallSignal(undefined, 0);
    const heard = jest.fn();
    const detached = jest.fn();
    call.addListener(heard);
    call.addListener(detached);
    call.removeListener(detached);
    call.abort('first');
    call.abort('second');
    expect(heard).toHaveBeenCalledTimes(1);
    expect(heard).toHaveBeenCalledWith('first');
    expect(detached).not.toHaveBeenCalled();
    expect(call.aborted).toBe(true);
    expect(call.reason).toBe('first');
    expect(call.signal.aborted).toBe(true);
    expect(call.signal.reason).toBe('first');
  });

  it('aborts the signal already handed out', () => {
    const call = createCallSignal(undefined, 0);
    const { signal } = call;
    expect(signal.aborted).toBe(false);
    call.abort('stop');
    expect(signal.reason).toBe('stop');
  });

  it('follows a parent CallAbort, and detaches from it on dispose', () => {
    const parent = createCallSignal(undefined, 0);
    const child = createCallSignal(parent, 0);
    const other = createCallSignal(parent, 0);
    other.dispose();
    parent.abort('parent gone');
    expect(child.aborted).toBe(true);
    expect(child.reason).toBe('parent gone');
    expect(other.aborted).toBe(false);
  });
});

describe('toAbortError', () => {
  it('keeps a ConduitError reason and wraps anything else in AbortedError', () => {
    const timeout = new TimeoutError(10);
    expect(toAbortError(timeout)).toBe(timeout);
    const wrapped = toAbortError(new DOMException('aborted', 'AbortError'));
    expect(wrapped).toBeInstanceOf(AbortedError);
    expect(wrapped.cause).toBeInstanceOf(DOMException);
  });
});
