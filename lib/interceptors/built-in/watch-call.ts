import { Observable } from 'rxjs';
import type { CallHandler, CallOutput } from '../../core';

/** How a call that passed through an interceptor ended. */
export type CallEnding =
  | { readonly outcome: 'complete' }
  | { readonly outcome: 'error'; readonly error: unknown }
  | { readonly outcome: 'cancelled' };

/** What an interceptor that only watches a call does with it. */
export interface CallWatcher {
  /** Each value, before it goes on. */
  value(value: CallOutput): void;
  /**
   * Once, when the call ended or was unsubscribed, after the inner interceptors' own endings (their
   * teardowns run first).
   */
  end(ending: CallEnding): void;
}

const COMPLETE: CallEnding = { outcome: 'complete' };
const CANCELLED: CallEnding = { outcome: 'cancelled' };

/**
 * The rest of the chain as one Observable watched by a fresh `watch()` per subscription (so a
 * retry is watched as its own call): the shape the logging and cost interceptors share, without
 * defer + tap + finalize and their three subscribers. A throw from `watch()` fails the call
 * before the rest of the chain runs.
 */
export function watchCall(next: CallHandler, watch: () => CallWatcher): Observable<CallOutput> {
  return new Observable<CallOutput>((subscriber) => {
    const watcher = watch();
    let ending = CANCELLED;
    const subscription = next.handle().subscribe({
      next: (value) => {
        watcher.value(value);
        subscriber.next(value);
      },
      error: (error: unknown) => {
        ending = { outcome: 'error', error };
        subscriber.error(error);
      },
      complete: () => {
        ending = COMPLETE;
        subscriber.complete();
      },
    });
    return () => {
      subscription.unsubscribe();
      watcher.end(ending);
    };
  });
}
