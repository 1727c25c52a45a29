import { Observable, lastValueFrom } from 'rxjs';
import { AbortedError, ConduitError } from '../../core';

/**
 * The error a call fails with once `signal` fired: its reason when that is a Conduit error (a
 * `TimeoutError` set by a timeout interceptor), an `AbortedError` otherwise.
 */
export function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof ConduitError) return reason;
  return new AbortedError(undefined, { cause: reason });
}

/**
 * Emits once after `ms` and completes; fails at once with `abortReason(signal)` when the signal
 * fires first. Built on `setTimeout` so Jest fake timers drive it.
 */
export function abortableDelay(ms: number, signal: AbortSignal): Observable<void> {
  return new Observable<void>((subscriber) => {
    if (signal.aborted) {
      subscriber.error(abortReason(signal));
      return undefined;
    }
    const onAbort = (): void => subscriber.error(abortReason(signal));
    const timer = setTimeout(
      () => {
        subscriber.next();
        subscriber.complete();
      },
      Math.max(0, ms),
    );
    signal.addEventListener('abort', onAbort, { once: true });
    return () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    };
  });
}

/** `abortableDelay` as a promise, for async code. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return lastValueFrom(abortableDelay(ms, signal), { defaultValue: undefined });
}
