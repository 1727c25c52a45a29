import { Observable, type MonoTypeOperatorFunction } from 'rxjs';

/** The delta events `coalesceDeltas()` merges: their `delta` strings concatenate into one text. */
const MERGEABLE_TYPES: ReadonlySet<string> = new Set([
  'text-delta',
  'reasoning-delta',
  'refusal-delta',
]);

/** A delta event as `coalesceDeltas()` sees it: a type it merges and a string `delta`. */
type DeltaLike = { readonly type: string; readonly delta: string };

/**
 * Merges the text deltas that arrive in one burst into one event, before a transport frames them:
 * `text-delta`, `reasoning-delta` and `refusal-delta` events that follow each other with the same
 * other fields (a `reasoning-delta` carrying a `signature` is never merged with one that does not)
 * become one event whose `delta` is their concatenation. A burst ends at the first other event,
 * at the end of the stream, or when the current microtask queue drains — so no delta waits for a
 * later one: a model that sends one delta per network read gets the same events as without it,
 * and only deltas already in hand together (several provider events in one socket read, a fast
 * local model) share a frame. The text, its order and every other event are unchanged; a failure
 * is emitted after the deltas that came before it.
 *
 * Every SSE frame, WebSocket message or GraphQL payload costs a serialization and a socket write,
 * so fewer, larger deltas raise what one process can stream (see docs/transports.md, Speed).
 * Leave it out where a client counts events rather than reading text.
 *
 * @example
 * @Sse('stream')
 * stream(@Query('message') message: string): Observable<MessageEvent> {
 *   return this.chatService.stream(message).pipe(coalesceDeltas(), toSse());
 * }
 */
export function coalesceDeltas<T extends { readonly type: string }>(): MonoTypeOperatorFunction<T> {
  return (source) =>
    new Observable<T>((subscriber) => {
      let pending: (T & DeltaLike) | undefined;
      // Joined once at the flush: repeated `+=` on a long burst would copy the text each time.
      let parts: string[] = [];
      let flushQueued = false;

      const flush = (): void => {
        if (pending === undefined) return;
        const event = parts.length === 1 ? pending : { ...pending, delta: parts.join('') };
        pending = undefined;
        parts = [];
        subscriber.next(event);
      };
      const flushAtMicrotask = (): void => {
        flushQueued = false;
        flush();
      };

      const subscription = source.subscribe({
        next: (event) => {
          if (!isDelta(event)) {
            flush();
            subscriber.next(event);
            return;
          }
          if (pending !== undefined && sameButDelta(pending, event)) {
            parts.push(event.delta);
            return;
          }
          flush();
          pending = event;
          parts = [event.delta];
          if (!flushQueued) {
            flushQueued = true;
            queueMicrotask(flushAtMicrotask);
          }
        },
        error: (error: unknown) => {
          flush();
          subscriber.error(error);
        },
        complete: () => {
          flush();
          subscriber.complete();
        },
      });
      return () => {
        subscription.unsubscribe();
        // An unsubscribed consumer gets nothing more, and the held text is released at once.
        pending = undefined;
        parts = [];
      };
    });
}

/** Whether `event` is a delta `coalesceDeltas()` may merge. */
function isDelta<T extends { readonly type: string }>(event: T): event is T & DeltaLike {
  return (
    MERGEABLE_TYPES.has(event.type) && typeof (event as { delta?: unknown }).delta === 'string'
  );
}

/** Whether two deltas differ in nothing but their `delta` text (same type, same other fields). */
function sameButDelta(a: DeltaLike, b: DeltaLike): boolean {
  const keysA = Object.keys(a);
  if (keysA.length !== Object.keys(b).length) return false;
  const recordA = a as unknown as Record<string, unknown>;
  const recordB = b as unknown as Record<string, unknown>;
  return keysA.every((key) => key === 'delta' || (key in recordB && recordA[key] === recordB[key]));
}
