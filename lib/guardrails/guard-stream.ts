import { Observable } from 'rxjs';
import type { StreamEvent, TextDeltaEvent } from '../core';
import { ChunkCutter } from './chunk-cutter';
import type { MaybePromise, OutputGuardrailMode } from './guardrail.types';

/**
 * Checks one piece of answer text: resolves with the text to release (the same, or rewritten),
 * or throws (rejects) with the error that stops the stream.
 */
export type TextCheck = (text: string, offset: number, final: boolean) => MaybePromise<string>;

/** Observes (`after` mode): never fails the stream. */
export type TextObserver = (text: string) => void;

function delta(text: string): TextDeltaEvent {
  return { type: 'text-delta', delta: text };
}

/**
 * A stream with its answer text checked as `mode` says (see `OutputGuardrailMode`). Events are
 * handled one at a time in order; while an asynchronous check runs, later events wait, so
 * nothing overtakes text that is not checked yet. A failed check errors the Observable, which
 * unsubscribes the source: ChatService then aborts the provider's HTTP request.
 */
export function guardStream(
  source: Observable<StreamEvent>,
  mode: OutputGuardrailMode,
  chunkSize: number,
  check: TextCheck,
  observe: TextObserver,
): Observable<StreamEvent> {
  if (mode === 'after') return observeStream(source, observe);
  return new Observable<StreamEvent>((subscriber) => {
    const queue: (StreamEvent | null)[] = [];
    let head = 0;
    let waiting = false;
    let stopped = false;
    const cutter = mode === 'chunked' ? new ChunkCutter(chunkSize) : undefined;
    let offset = 0;
    // buffer mode: everything after `start` waits for the verdict on the whole answer.
    const held: StreamEvent[] = [];
    let answer = '';
    // The verdict on the end of the answer is given once: at `finish`, or at completion without one.
    let ended = false;

    const fail = (error: unknown): void => {
      if (stopped) return;
      stopped = true;
      subscriber.error(error);
    };

    /** Releases `chunk` once checked; then `after` (the event that made it final, if any). */
    const release = (chunk: string, final: boolean, after: () => void): MaybePromise<void> => {
      if (chunk === '') return after();
      const checked = check(chunk, offset, final);
      offset += chunk.length;
      const emit = (text: string): void => {
        if (text !== '') subscriber.next(delta(text));
        after();
      };
      return checked instanceof Promise ? checked.then(emit) : emit(checked);
    };

    const flushBuffer = (last: StreamEvent | null): MaybePromise<void> => {
      const emit = (text: string): void => {
        let textSent = false;
        const unchanged = text === answer;
        for (const event of held) {
          if (event.type !== 'text-delta' || unchanged) subscriber.next(event);
          else if (!textSent) {
            textSent = true;
            if (text !== '') subscriber.next(delta(text));
          }
        }
        if (!textSent && !unchanged && text !== '') subscriber.next(delta(text));
        held.length = 0;
        if (last !== null) subscriber.next(last);
      };
      const checked = check(answer, 0, true);
      return checked instanceof Promise ? checked.then(emit) : emit(checked);
    };

    const step = (event: StreamEvent | null): MaybePromise<void> => {
      // The hot path of `chunked` mode: a delta that fills no chunk is only appended, with no
      // closure, event or Promise made for it.
      if (cutter !== undefined && !ended && event !== null && event.type === 'text-delta') {
        cutter.push(event.delta);
        const chunk = cutter.cut();
        return chunk === undefined ? undefined : release(chunk, false, noop);
      }
      const pass = (): void => {
        if (event !== null) subscriber.next(event);
      };
      if (ended) return pass();
      const end = event === null || event.type === 'finish';
      if (end) ended = true;
      if (cutter === undefined) {
        if (event !== null && event.type === 'start' && held.length === 0) return pass();
        if (!end) {
          if (event.type === 'text-delta') answer += event.delta;
          held.push(event);
          return;
        }
        return flushBuffer(event);
      }
      // Any other event: the text before it is checked first, so the order stays as sent.
      if (cutter.length === 0 && !end) return pass();
      return release(cutter.rest(), end, pass);
    };

    /** Handles one event; only called when no check is pending (`waiting` false). */
    const handle = (event: StreamEvent | null): void => {
      let result: MaybePromise<void>;
      try {
        result = step(event);
      } catch (error: unknown) {
        fail(error);
        return;
      }
      if (result instanceof Promise) {
        waiting = true;
        result.then(
          () => {
            waiting = false;
            if (event === null && !stopped) {
              stopped = true;
              subscriber.complete();
              return;
            }
            drain();
          },
          (error: unknown) => fail(error),
        );
      } else if (event === null) {
        stopped = true;
        subscriber.complete();
      }
    };

    /** Handles the events that arrived while a check was pending. */
    const drain = (): void => {
      while (!waiting && !stopped && head < queue.length) handle(queue[head++]);
      if (head > 0 && head === queue.length) {
        queue.length = 0;
        head = 0;
      }
    };

    /** Handles `event` now when nothing waits before it (no queue for the common case), else queues it. */
    const arrive = (event: StreamEvent | null): void => {
      if (stopped) return;
      if (waiting || head < queue.length) queue.push(event);
      else handle(event);
    };

    const subscription = source.subscribe({
      next: arrive,
      error: (error: unknown) => fail(error),
      complete: () => arrive(null),
    });
    return () => {
      stopped = true;
      subscription.unsubscribe();
    };
  });
}

function noop(): void {}

/** `after` mode: every event goes through; the whole answer is observed once it finished. */
function observeStream(
  source: Observable<StreamEvent>,
  observe: TextObserver,
): Observable<StreamEvent> {
  return new Observable<StreamEvent>((subscriber) => {
    let answer = '';
    let observed = false;
    const done = (): void => {
      if (observed) return;
      observed = true;
      observe(answer);
    };
    return source.subscribe({
      next: (event) => {
        if (event.type === 'text-delta') answer += event.delta;
        if (event.type === 'finish') done();
        subscriber.next(event);
      },
      error: (error: unknown) => subscriber.error(error),
      complete: () => {
        done();
        subscriber.complete();
      },
    });
  });
}
