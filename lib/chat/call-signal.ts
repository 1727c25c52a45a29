import type { CallAbort } from '../core/call-abort';
import { TimeoutError } from '../core/errors/timeout.error';

/** The cancellation of one call (caller's signal + timeout) and how to release it. */
export interface CallSignal extends CallAbort {
  /** Aborts the call with `reason` (used when a stream is unsubscribed); later calls do nothing. */
  abort(reason: unknown): void;
  /** Clears the timer and detaches from the caller's signal. Call it when the call settles. */
  dispose(): void;
}

type Listener = (reason: unknown) => void;

/**
 * One timer and at most one listener on the caller's signal: the whole per-call cancellation
 * cost. The AbortController is made only when someone reads `signal` (an interceptor, a model that
 * does not know CallAbort); the providers of this library listen through `addListener` instead. The
 * object is its own listener on the caller's signal (`handleEvent`) and the timer gets it as an
 * argument, so no closure is allocated per call.
 */
class TimedCallSignal implements CallSignal {
  private controller: AbortController | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private listeners: Listener[] | undefined;
  private abortReason: unknown;
  private isAborted = false;

  constructor(
    private readonly callerSignal: AbortSignal | undefined,
    timeoutMs: number,
  ) {
    if (callerSignal?.aborted === true) {
      this.isAborted = true;
      this.abortReason = callerSignal.reason;
      return;
    }
    callerSignal?.addEventListener('abort', this, { once: true });
    if (timeoutMs > 0) this.timer = setTimeout(onTimeout, timeoutMs, this, timeoutMs);
  }

  get aborted(): boolean {
    return this.isAborted;
  }

  get reason(): unknown {
    return this.abortReason;
  }

  get signal(): AbortSignal {
    if (this.controller === undefined) {
      this.controller = new AbortController();
      if (this.isAborted) this.controller.abort(this.abortReason);
    }
    return this.controller.signal;
  }

  /** The caller's signal aborted (EventListener object protocol). */
  handleEvent(): void {
    this.abort(this.callerSignal?.reason);
  }

  abort(reason: unknown): void {
    if (this.isAborted) return;
    this.isAborted = true;
    this.abortReason = reason;
    this.controller?.abort(reason);
    const listeners = this.listeners;
    this.listeners = undefined;
    if (listeners !== undefined) for (const listener of listeners) listener(reason);
  }

  addListener(listener: Listener): void {
    if (this.isAborted) return;
    (this.listeners ??= []).push(listener);
  }

  removeListener(listener: Listener): void {
    const at = this.listeners?.indexOf(listener) ?? -1;
    if (at !== -1) this.listeners!.splice(at, 1);
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.callerSignal?.removeEventListener('abort', this);
  }
}

function onTimeout(call: TimedCallSignal, timeoutMs: number): void {
  call.abort(new TimeoutError(timeoutMs));
}

/**
 * Combines the caller's `signal` with a `timeoutMs` timer (`0` = none) into one cancellation.
 * Listeners are removed on `dispose()` rather than using `AbortSignal.any`, so a long-lived caller
 * signal does not collect one dependent signal per call.
 */
export function createCallSignal(
  callerSignal: AbortSignal | undefined,
  timeoutMs: number,
): CallSignal {
  return new TimedCallSignal(callerSignal, timeoutMs);
}
