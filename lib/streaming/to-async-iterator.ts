import type { Observable } from 'rxjs';

/**
 * An Observable as an `AsyncIterableIterator`, for GraphQL subscription resolvers (which must
 * return one). Subscribes on the first `next()`, buffers what arrives before it is asked for, and
 * `return()` (called by the GraphQL server when the client completes or disconnects) unsubscribes,
 * which aborts the model's HTTP request. An error of the source rejects the pending `next()`.
 *
 * @example
 * ```ts
 * @Subscription(() => String)
 * answer(@Args('message') message: string) {
 *   return toAsyncIterator(this.chatService.stream(message).pipe(textDeltas()));
 * }
 * ```
 */
export function toAsyncIterator<T>(source: Observable<T>): AsyncIterableIterator<T> {
  const buffered: IteratorResult<T>[] = [];
  const waiting: { resolve(result: IteratorResult<T>): void; reject(error: unknown): void }[] = [];
  let failure: { error: unknown } | undefined;
  let finished = false;
  let subscription: { unsubscribe(): void } | undefined;

  const push = (result: IteratorResult<T>): void => {
    const waiter = waiting.shift();
    if (waiter === undefined) buffered.push(result);
    else waiter.resolve(result);
  };
  const end = (): IteratorResult<T> => {
    finished = true;
    subscription?.unsubscribe();
    buffered.length = 0;
    for (const waiter of waiting.splice(0)) waiter.resolve({ done: true, value: undefined });
    return { done: true, value: undefined };
  };
  const start = (): void => {
    subscription = source.subscribe({
      next: (value) => push({ done: false, value }),
      error: (error: unknown) => {
        const waiter = waiting.shift();
        if (waiter === undefined) failure = { error };
        else waiter.reject(error);
        finished = true;
      },
      complete: () => {
        finished = true;
        push({ done: true, value: undefined });
      },
    });
  };

  return {
    next(): Promise<IteratorResult<T>> {
      if (subscription === undefined && !finished) start();
      const ready = buffered.shift();
      if (ready !== undefined) return Promise.resolve(ready);
      if (failure !== undefined) {
        const { error } = failure;
        failure = undefined;
        // The source's own error, passed on unchanged (as `for await` would see it from RxJS).
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
        return Promise.reject(error);
      }
      if (finished) return Promise.resolve({ done: true, value: undefined });
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    },
    return(): Promise<IteratorResult<T>> {
      return Promise.resolve(end());
    },
    throw(error?: unknown): Promise<IteratorResult<T>> {
      end();
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the caller's reason, unchanged
      return Promise.reject(error);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
