import { TimeoutError } from '../core/errors/timeout.error';

/** The signal of one call and how to release it. */
export interface CallSignal {
  /** Aborts when the caller's signal aborts (with its reason) or the timeout fires (`TimeoutError`). */
  readonly signal: AbortSignal;
  /** Aborts the call with `reason` (used when a stream is unsubscribed). */
  abort(reason: unknown): void;
  /** Clears the timer and detaches from the caller's signal. Call it when the call settles. */
  dispose(): void;
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
  const controller = new AbortController();
  const onCallerAbort = (): void => controller.abort(callerSignal?.reason);
  let timer: ReturnType<typeof setTimeout> | undefined;
  if (callerSignal?.aborted === true) {
    controller.abort(callerSignal.reason);
  } else {
    callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
    if (timeoutMs > 0) {
      timer = setTimeout(() => controller.abort(new TimeoutError(timeoutMs)), timeoutMs);
    }
  }
  return {
    signal: controller.signal,
    abort: (reason) => controller.abort(reason),
    dispose: () => {
      if (timer !== undefined) clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onCallerAbort);
    },
  };
}
