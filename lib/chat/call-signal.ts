import { TimeoutError } from '../core/errors/timeout.error';

/** The signal of one call and how to release it. */
export interface CallSignal {
  /** Aborts when the caller's signal aborts (with its reason) or the timeout fires (`TimeoutError`). */
  readonly signal: AbortSignal;
  /** Aborts the call with `reason` (used when a stream is unsubscribed). */
  abort(reason: unknown): void;
  /**
   * Sets the one function called, synchronously and once, when the call aborts after this point
   * (timer, caller's signal or `abort()`). Cheaper than an abort listener on `signal` for the call's
   * own bookkeeping; check `signal.aborted` first for an abort that already happened.
   */
  onAbort(listener: (reason: unknown) => void): void;
  /** Clears the timer and detaches from the caller's signal. Call it when the call settles. */
  dispose(): void;
}

/**
 * One controller, one timer and at most one listener on the caller's signal: the whole per-call
 * cancellation cost. The object is its own listener (`handleEvent`) and the timer gets it as an
 * argument, so no closure is allocated per call.
 */
class TimedCallSignal implements CallSignal {
  private readonly controller = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private listener: ((reason: unknown) => void) | undefined;

  constructor(
    private readonly callerSignal: AbortSignal | undefined,
    timeoutMs: number,
  ) {
    if (callerSignal?.aborted === true) {
      this.controller.abort(callerSignal.reason);
      return;
    }
    callerSignal?.addEventListener('abort', this, { once: true });
    if (timeoutMs > 0) this.timer = setTimeout(onTimeout, timeoutMs, this, timeoutMs);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The caller's signal aborted (EventListener object protocol). */
  handleEvent(): void {
    this.abort(this.callerSignal?.reason);
  }

  abort(reason: unknown): void {
    if (this.controller.signal.aborted) return;
    this.controller.abort(reason);
    this.listener?.(reason);
  }

  onAbort(listener: (reason: unknown) => void): void {
    this.listener = listener;
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
 * Combines the caller's `signal` with a `timeoutMs` timer (`0` = none) into one signal. Listeners
 * are removed on `dispose()` rather than using `AbortSignal.any`, so a long-lived caller signal does
 * not collect one dependent signal per call.
 */
export function createCallSignal(
  callerSignal: AbortSignal | undefined,
  timeoutMs: number,
): CallSignal {
  return new TimedCallSignal(callerSignal, timeoutMs);
}
