import { Observable, type Subscription } from 'rxjs';
import { CircuitOpenError } from '../core/errors/circuit-open.error';
import type { StreamEvent } from '../core/stream-event.types';
import type { CircuitPermit } from './circuit-store';
import type { FallbackCall, FallbackChain } from './fallback-chain';
import type { FallbackAttempt } from './fallback-options.types';

/**
 * A stream along its fallback chain. A try that fails before its first content event (anything
 * but `start`, which is held back until then) hands the request to the next alias, its `start`
 * dropped; once content went out, an error surfaces as is (the caller already has part of an
 * answer). The `finish` event's `providerMetadata.conduit.fallback` lists the tries.
 */
export function streamWithFallbacks(
  chain: FallbackChain,
  aliases: readonly string[],
  call: FallbackCall,
  attempt: (alias: string) => Observable<StreamEvent>,
): Observable<StreamEvent> {
  return new Observable<StreamEvent>((subscriber) => {
    const attempts = chain.attemptsOf(call);
    const skipped: string[] = [];
    let subscription: Subscription | undefined;
    let closed = false;
    // The alias whose half-open probe is running: freed if the caller goes away mid-try.
    let probing: string | undefined;

    const tryAt = async (index: number): Promise<void> => {
      const alias = aliases[index];
      if (alias === undefined) {
        subscriber.error(new CircuitOpenError(skipped));
        return;
      }
      const pending = chain.permit('chat', alias);
      const permit: CircuitPermit = typeof pending === 'string' ? pending : await pending;
      if (closed) {
        if (permit === 'probe') void chain.releaseProbe('chat', alias);
        return;
      }
      if (permit === 'reject') {
        skipped.push(alias);
        attempts.push({ alias, error: CircuitOpenError.name, durationMs: 0 });
        return tryAt(index + 1);
      }
      probing = permit === 'probe' ? alias : undefined;
      const started = chain.now();
      let held: StreamEvent[] | undefined = [];
      const release = (): void => {
        if (held === undefined) return;
        const events = held;
        held = undefined;
        for (const event of events) subscriber.next(event);
      };
      subscription = attempt(alias).subscribe({
        next: (event) => {
          if (held !== undefined && event.type === 'start') {
            held.push(event);
            return;
          }
          release();
          subscriber.next(
            event.type === 'finish' ? withAttempts(chain, event, attempts, alias, started) : event,
          );
        },
        error: (error: unknown) => {
          probing = undefined;
          const beforeContent = held !== undefined;
          attempts.push({ alias, error: nameOf(error), durationMs: chain.now() - started });
          if (!chain.fallsBack(error, call)) {
            void chain.settleWithoutFallback('chat', alias, permit, error);
            subscriber.error(error);
            return;
          }
          void chain.failed('chat', alias).then(() => {
            if (closed) return;
            if (beforeContent && index < aliases.length - 1) void tryAt(index + 1);
            else subscriber.error(error);
          });
        },
        complete: () => {
          probing = undefined;
          release();
          const done = chain.succeeded('chat', alias);
          if (done === undefined) subscriber.complete();
          else void done.then(() => subscriber.complete());
        },
      });
    };

    void tryAt(0);
    return () => {
      closed = true;
      subscription?.unsubscribe();
      // Unsubscribed while its probe ran: the probe told nothing, so the next call probes at once.
      if (probing !== undefined) void chain.releaseProbe('chat', probing);
    };
  });
}

function withAttempts(
  chain: FallbackChain,
  event: Extract<StreamEvent, { type: 'finish' }>,
  attempts: FallbackAttempt[],
  alias: string,
  started: number,
): StreamEvent {
  attempts.push({ alias, durationMs: chain.now() - started });
  return {
    ...event,
    providerMetadata: {
      ...event.providerMetadata,
      conduit: { ...event.providerMetadata['conduit'], fallback: [...attempts] },
    },
  };
}

function nameOf(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
