import { AsyncResource } from 'node:async_hooks';
import type { Subscriber } from 'rxjs';
import { InvalidResponseError, type StreamEvent } from '../../core';
import type { HttpResponseHead, HttpStreamSink } from './http-client.types';
import { redactSecrets } from './redact-secrets';
import { SseDecoder, type SseEvent } from './sse-decoder';
import { tryParseJson } from './wire-data';

/**
 * A provider's stream state as the shared reader drives it: every `data:` payload goes to
 * `push()`, and `finish()` runs once the body has ended.
 */
export interface SseStreamState {
  /**
   * True once the answer's terminal event was handled: later payloads are dropped unread (even
   * ones that are not JSON). Absent means every payload is read.
   */
  readonly done?: boolean;
  /** The events one payload carries: its parsed JSON, or the string `[DONE]` for that sentinel. */
  push(payload: unknown): readonly StreamEvent[];
  /** The body ended: the last events, or a throw when the answer is incomplete. */
  finish(): readonly StreamEvent[];
}

/** Who answers, for the error raised on a `data:` line that is not JSON. */
export interface SseStreamErrorContext {
  readonly provider: string;
  /** Values (API keys) redacted from the excerpt of the bad line. */
  readonly secrets: readonly (string | undefined)[];
  /** The response's request id, attached to the error when known. */
  readonly requestId?: string | undefined;
}

/** The state of one streamed answer, and who answers (for the errors raised while reading it). */
export interface SseStreamSetup {
  readonly state: SseStreamState;
  readonly errorContext: SseStreamErrorContext;
}

/**
 * Reads one Server-Sent Events answer into a subscriber, as an HttpStreamSink: `open` makes the
 * provider's stream state once the 2xx headers are in; every `data:` payload goes through it and
 * its events go to the subscriber at once, in the async context the stream was subscribed in (so
 * AsyncLocalStorage stores hold in the subscriber's callbacks). Empty `data:` lines are skipped,
 * a line that is not JSON throws InvalidResponseError (key redacted; the call then fails and the
 * socket closes), and payloads after the terminal event are dropped while the body is read to its
 * end, so the socket goes back to the keep-alive pool.
 *
 * @example
 * return new Observable<StreamEvent>((subscriber) => {
 *   const reader = new SseEventReader(subscriber, () => ({ state, errorContext }));
 *   const call = http.openStream({ url, headers, body }, reader);
 *   return () => call.cancel();
 * });
 */
export class SseEventReader implements HttpStreamSink {
  private readonly scope = new AsyncResource('nestjs-conduit.sse-stream');
  private state: SseStreamState | undefined;
  private errorContext: SseStreamErrorContext | undefined;
  private readonly decoder = new SseDecoder((event) => this.onEvent(event));

  constructor(
    private readonly subscriber: Subscriber<StreamEvent>,
    private readonly open: (head: HttpResponseHead) => SseStreamSetup,
  ) {}

  start(head: HttpResponseHead): void {
    ({ state: this.state, errorContext: this.errorContext } = this.open(head));
  }

  data(chunk: Uint8Array): void {
    if (!this.subscriber.closed) this.scope.runInAsyncScope(this.feed, this, chunk);
  }

  end(): void {
    if (!this.subscriber.closed) this.scope.runInAsyncScope(this.close, this);
  }

  fail(error: unknown): void {
    this.scope.runInAsyncScope(this.subscriber.error, this.subscriber, error);
  }

  private feed(chunk: Uint8Array): void {
    this.decoder.feed(chunk);
  }

  private close(): void {
    this.decoder.end();
    this.emit(this.state!.finish());
    this.subscriber.complete();
  }

  private onEvent({ data }: SseEvent): void {
    const state = this.state!;
    if (data === '' || state.done === true) return;
    const payload = data === '[DONE]' ? data : tryParseJson(data);
    if (payload === undefined) throw notJson(data, this.errorContext!);
    this.emit(state.push(payload));
  }

  private emit(events: readonly StreamEvent[]): void {
    for (const event of events) this.subscriber.next(event);
  }
}

/** How much of a `data:` line that is not JSON goes into the error. */
const EXCERPT_LENGTH = 200;
/**
 * What is read past the excerpt before redacting, so a key straddling the cut is seen whole
 * (real keys are under 200 characters), without running the rules over a line of megabytes.
 */
const KEY_ROOM = 1024;

function notJson(data: string, context: SseStreamErrorContext): InvalidResponseError {
  // Redacted BEFORE the cut: a key straddling it would survive as a piece no rule recognises.
  const excerpt = redactSecrets(data.slice(0, EXCERPT_LENGTH + KEY_ROOM), context.secrets).slice(
    0,
    EXCERPT_LENGTH,
  );
  return new InvalidResponseError(`${context.provider}: a stream event is not JSON: ${excerpt}`, {
    provider: context.provider,
    body: excerpt,
    ...(context.requestId !== undefined && { requestId: context.requestId }),
    secrets: context.secrets,
  });
}
