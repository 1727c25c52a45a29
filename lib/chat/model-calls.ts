import { Observable, type MonoTypeOperatorFunction, type Subscription } from 'rxjs';
import type { CallAbort } from '../core/call-abort';
import type { CallOutput, ChatCallContext, EmbedCallContext } from '../core/call-context.types';
import type { ConduitInterceptor } from '../core/conduit-interceptor.interface';
import { AbortedError } from '../core/errors/aborted.error';
import { ConduitError } from '../core/errors/conduit.error';
import { runInterceptorChain } from '../interceptors/interceptor-chain';
import { ConduitMetadataKeys } from '../interceptors/built-in/conduit-metadata.keys';
import { RetryInterceptor } from '../interceptors/built-in/retry.interceptor';
import { toAbortError } from './abort-error';
import { createCallSignal, onCancel, type CallSignal, type Cancellation } from './call-signal';
import { cancellationOf } from './model-call-context';

/**
 * The model call of `runModelCall`: the context after the interceptors, and the cancellation of
 * this attempt (the call's own without interceptors, one per attempt through the chain).
 */
export type ModelInvoker<C, T> = (context: C, abort: CallAbort) => Promise<T>;

/**
 * Runs one promise-style call (chat, embed) through its interceptor chain and resolves with its
 * result. `call` bounds it: when its signal aborts the call fails at once and the model call is
 * cancelled, and it is disposed when the call settles. A chain that completes without a result
 * fails with a ConduitError that says so.
 */
export function runModelCall<C extends ChatCallContext | EmbedCallContext, T extends CallOutput>(
  chain: readonly ConduitInterceptor[],
  context: C,
  call: CallSignal,
  invoke: ModelInvoker<C, T>,
): Promise<T> {
  if (chain.length === 0) return runDirect(context, call, invoke);
  const only = chain[0];
  if (chain.length === 1 && isPlainRetry(only)) return runDirect(context, call, invoke, only);
  return runThroughChain(chain, context, call, invoke);
}

/**
 * A `RetryInterceptor` alone in the chain (the built-in retry of a call with no interceptors), not
 * subclassed and without a per-try time limit: its loop runs on promises (`runDirect`), with the
 * same decisions (`nextDelay`) and notes, and no Observable when the first try succeeds.
 */
function isPlainRetry(
  interceptor: ConduitInterceptor | undefined,
): interceptor is RetryInterceptor {
  return (
    interceptor instanceof RetryInterceptor &&
    interceptor.constructor === RetryInterceptor &&
    !interceptor.hasAttemptTimeout
  );
}

/**
 * No interceptor: nothing can retry or unsubscribe the model call, so it gets the call's own
 * CallAbort (its AbortSignal made only if the model reads it) and the call's abort fails it at
 * once. Same outcome as the chain, without its Observables, controllers and abort listeners (most
 * of the per-call cost on a fast provider).
 */
async function runDirect<C extends ChatCallContext | EmbedCallContext, T extends CallOutput>(
  context: C,
  call: CallSignal,
  invoke: ModelInvoker<C, T>,
  retry?: RetryInterceptor,
): Promise<T> {
  let wait: ReturnType<typeof setTimeout> | undefined;
  try {
    return await new Promise<T>((resolve, reject) => {
      if (call.aborted) {
        reject(toAbortError(call.reason));
        return;
      }
      call.addListener((reason) => reject(toAbortError(reason)));
      if (retry === undefined) {
        // Inside the executor, a synchronous throw of a badly behaved model becomes a rejection.
        invoke(context, call).then(resolve, reject);
        return;
      }
      // A failed try has settled, so the next one can reuse the call's own CallAbort.
      const attempt = (n: number): void => {
        context.metadata.set(ConduitMetadataKeys.retryAttempts, n);
        new Promise<T>((settle) => settle(invoke(context, call))).then(
          resolve,
          (error: unknown) => {
            if (call.aborted) return; // already rejected by the listener above
            const delayMs = retry.nextDelay(error, context, n);
            // Passed on as thrown, Error or not, as the chain would.
            // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
            if (delayMs === undefined) reject(error);
            else wait = setTimeout(attempt, Math.max(0, delayMs), n + 1);
          },
        );
      };
      attempt(1);
    });
  } finally {
    // The call's abort ends the wait between tries at once (the listener rejected already).
    clearTimeout(wait);
    call.dispose();
  }
}

/**
 * Through the chain: subscribed by hand rather than `lastValueFrom(pipe(failOnAbort))`, the same
 * outcome with two Observables and a listener fewer a call. The call's abort fails it at once and
 * unsubscribes the chain (which cancels the model call) even when an interceptor ignores it.
 */
function runThroughChain<C extends ChatCallContext | EmbedCallContext, T extends CallOutput>(
  chain: readonly ConduitInterceptor[],
  context: C,
  call: CallSignal,
  invoke: ModelInvoker<C, T>,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (call.aborted) {
      call.dispose();
      reject(toAbortError(call.reason));
      return;
    }
    let settled = false;
    let last: T | undefined;
    let emitted = false;
    let subscription: Subscription | undefined = undefined;
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      call.removeListener(onAbort);
      call.dispose();
      return true;
    };
    const onAbort = (reason: unknown): void => {
      if (!settle()) return;
      subscription?.unsubscribe();
      reject(toAbortError(reason));
    };
    call.addListener(onAbort);
    const response$ = runInterceptorChain(chain, context, (ctx) =>
      fromModelCall(cancellationOf(ctx), (abort) => invoke(ctx, abort)),
    );
    subscription = response$.subscribe({
      next: (value) => {
        last = value;
        emitted = true;
      },
      error: (error: unknown) => {
        // Passed on as thrown, Error or not, as lastValueFrom would.
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
        if (settle()) reject(error);
      },
      complete: () => {
        if (!settle()) return;
        if (emitted) resolve(last as T);
        else reject(new ConduitError(NO_RESPONSE));
      },
    });
    // Aborted while subscribing: the subscription did not exist yet when onAbort ran.
    if (settled && call.aborted) subscription.unsubscribe();
  });
}

/** An interceptor chain that completed without emitting. */
const NO_RESPONSE =
  'The interceptor chain completed without a response: an interceptor must emit the result of next.handle() or a response of its own.';

/**
 * Runs one promise-returning model call as an Observable. The call gets its own cancellation,
 * linked to `parent`: unsubscribing before it settles (an interceptor's own timeout, `switchMap`...)
 * aborts it, so the HTTP request is cancelled and not left running.
 */
export function fromModelCall<T>(
  parent: Cancellation,
  call: (abort: CallAbort) => Promise<T>,
): Observable<T> {
  return new Observable<T>((subscriber) => {
    const attempt = createCallSignal(parent, 0);
    let settled = false;
    // The executor turns a synchronous throw of a badly behaved model into a rejection.
    new Promise<T>((resolve) => resolve(call(attempt))).then(
      (value) => {
        settled = true;
        subscriber.next(value);
        subscriber.complete();
      },
      (error: unknown) => {
        settled = true;
        subscriber.error(error);
      },
    );
    return () => {
      attempt.dispose();
      if (settled) return;
      // Torn down because the call's signal fired: keep its reason (a TimeoutError) for the model.
      attempt.abort(
        parent.aborted
          ? parent.reason
          : new AbortedError('The call was cancelled before it finished.'),
      );
    };
  });
}

/**
 * Fails the source with the abort error as soon as `cancellation` aborts and unsubscribes it
 * (which cancels the model call), even when an interceptor or a model ignores the signal.
 */
export function failOnAbort<T>(cancellation: Cancellation): MonoTypeOperatorFunction<T> {
  return (source) =>
    new Observable<T>((subscriber) => {
      if (cancellation.aborted) {
        subscriber.error(toAbortError(cancellation.reason));
        return undefined;
      }
      const detach = onCancel(cancellation, (reason) => subscriber.error(toAbortError(reason)));
      const subscription = source.subscribe({
        next: (value) => subscriber.next(value),
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
      return () => {
        detach();
        subscription.unsubscribe();
      };
    });
}
