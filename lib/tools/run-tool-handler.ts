import { isObservable } from 'rxjs';

/**
 * Settles whatever a tool handler returned: a value, a Promise, or an Observable (its last value;
 * `undefined` when it completes empty). Rejects with `signal.reason` as soon as the signal fires,
 * unsubscribing from an Observable; a Promise that settles later is ignored.
 */
export function settleToolValue(produce: () => unknown, signal: AbortSignal): Promise<unknown> {
  return new Promise<unknown>((resolve, reject) => {
    let teardown = (): void => undefined;
    const onAbort = (): void => {
      teardown();
      reject(asError(signal.reason));
    };
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    const done = (): void => signal.removeEventListener('abort', onAbort);
    let output: unknown;
    try {
      output = produce();
    } catch (error) {
      done();
      reject(asError(error));
      return;
    }
    if (isObservable(output)) {
      let last: unknown;
      const subscription = output.subscribe({
        next: (value) => (last = value),
        error: (error: unknown) => (done(), reject(asError(error))),
        complete: () => (done(), resolve(last)),
      });
      teardown = () => subscription.unsubscribe();
      return;
    }
    Promise.resolve(output).then(
      (value) => (done(), resolve(value)),
      (error: unknown) => (done(), reject(asError(error))),
    );
  });
}

/** Tools may throw anything; the executor reports non-errors by their text. */
function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}
