import { defer, type Observable } from 'rxjs';
import type { CallOutput, ConduitCallContext } from '../core/call-context.types';
import type { CallHandler, ConduitInterceptor } from '../core/conduit-interceptor.interface';

/**
 * Runs one call through `interceptors`, first = outermost, and `call` at the end of the chain.
 *
 * Every `handle()` returns a fresh cold Observable: each subscription re-runs the rest of the chain
 * and the call with the `context.request` of that moment, so an interceptor can retry by calling
 * `next.handle()` again (or with `retry()`), and a changed request reaches the model. Nothing runs
 * until the result is subscribed; unsubscribing reaches the model call (which aborts its request).
 */
export function runInterceptorChain<C extends ConduitCallContext, T extends CallOutput>(
  interceptors: readonly ConduitInterceptor[],
  context: C,
  call: (context: C) => Observable<T>,
): Observable<T> {
  // Built once per call, innermost first: each handler's `handle()` is a fresh cold Observable.
  let next: CallHandler = { handle: () => defer(() => call(context)) };
  for (let index = interceptors.length - 1; index >= 0; index--) {
    const interceptor = interceptors[index];
    const inner = next;
    next = { handle: () => defer(() => interceptor.intercept(context, inner)) };
  }
  // Interceptors emit the `CallOutput` union; for a given `kind` the chain carries that kind's output.
  return next.handle() as Observable<T>;
}
