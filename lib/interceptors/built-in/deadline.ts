import { Observable } from 'rxjs';
import type { CallHandler, CallOutput, ConduitCallContext } from '../../core';

/** How a deadline is armed. */
export interface DeadlineSpec {
  readonly ms: number;
  /** `total`: the whole call must end in `ms`; `idle`: each value must follow the previous one within `ms`. */
  readonly mode: 'total' | 'idle';
  /** The error the call fails with (and the abort reason the model sees). */
  readonly error: () => Error;
}

/**
 * Runs `next.handle()` under a deadline that really cancels the work: for the inner part of the
 * chain `context.signal` becomes a signal that fires with the previous one or on expiry (linked by
 * a listener removed when the call ends, not `AbortSignal.any`, so a long-lived caller signal
 * collects nothing), and on expiry that signal
 * is aborted with the deadline's error (so the model's HTTP request is cancelled and fails with
 * that error) and the output fails with it. The previous signal is put back when the call ends,
 * so that an outer retry starts its next attempt with a fresh deadline.
 */
export function runWithDeadline(
  context: ConduitCallContext,
  next: CallHandler,
  spec: DeadlineSpec,
): Observable<CallOutput> {
  return new Observable<CallOutput>((subscriber) => {
    const controller = new AbortController();
    const previous = context.signal;
    const narrowed = controller.signal;
    const onPreviousAbort = (): void => controller.abort(previous.reason);
    if (previous.aborted) controller.abort(previous.reason);
    else previous.addEventListener('abort', onPreviousAbort, { once: true });
    context.signal = narrowed;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Put the previous signal back BEFORE the outcome travels up: an outer retry decides on
    // `context.signal.aborted` as soon as it sees the error, and must not see this deadline's.
    const settle = (): void => {
      clearTimeout(timer);
      previous.removeEventListener('abort', onPreviousAbort);
      if (context.signal === narrowed) context.signal = previous;
    };
    let expired: Error | undefined;
    const expire = (): void => {
      expired = spec.error();
      // Aborting makes the model fail (usually with the reason, but a foreign model may say
      // "aborted"): the inner error handler forwards the deadline's error either way.
      controller.abort(expired);
      settle();
      subscriber.error(expired);
    };
    const arm = (): void => {
      clearTimeout(timer);
      timer = setTimeout(expire, spec.ms);
    };
    arm();
    const inner = next.handle().subscribe({
      next: (value) => {
        if (spec.mode === 'idle') arm();
        subscriber.next(value);
      },
      error: (error: unknown) => {
        settle();
        subscriber.error(expired ?? error);
      },
      complete: () => {
        settle();
        subscriber.complete();
      },
    });
    return () => {
      settle();
      inner.unsubscribe();
    };
  });
}
