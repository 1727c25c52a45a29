import { Observable, type Subscriber } from 'rxjs';
import { AbortedError, InvalidResponseError, type StreamEvent } from '../../core';
import { redactSecrets } from './redact-secrets';
import { SseDecoder } from './sse-decoder';
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

/** An open streamed answer: its body bytes and the state that turns its payloads into events. */
export interface SseStreamSource {
  readonly body: AsyncIterable<Uint8Array>;
  readonly state: SseStreamState;
  readonly errorContext: SseStreamErrorContext;
}

/**
 * A cold Observable of the events of one Server-Sent Events answer. `open` runs on subscribe
 * (build the body, send the request, make the state) with a signal that aborts when the
 * subscriber unsubscribes (the socket is closed) or when `requestSignal` aborts (the stream then
 * fails with its reason when a ConduitError, else an AbortedError). Empty `data:` lines are
 * skipped, a line that is not JSON fails the stream with InvalidResponseError (key redacted), and
 * the body is read to its end past the terminal event so the socket returns to the keep-alive pool.
 *
 * @example
 * return streamSseEvents(request.signal, async (signal) => {
 *   const response = await http.postStream({ url, headers, body, signal });
 *   return { body: response.body, state: new MyStreamState(), errorContext: { provider, secrets } };
 * });
 */
export function streamSseEvents(
  requestSignal: AbortSignal | undefined,
  open: (signal: AbortSignal) => Promise<SseStreamSource>,
): Observable<StreamEvent> {
  return new Observable<StreamEvent>((subscriber) => {
    const controller = new AbortController();
    // The request's abort is relayed with one listener, removed when the stream settles, rather
    // than `AbortSignal.any` (a dependent signal per call costs several microseconds and the GC).
    const relay = (): void => controller.abort(requestSignal?.reason);
    if (requestSignal?.aborted === true) controller.abort(requestSignal.reason);
    else requestSignal?.addEventListener('abort', relay, { once: true });
    let settled = false;
    const settle = (): void => {
      settled = true;
      requestSignal?.removeEventListener('abort', relay);
    };
    open(controller.signal)
      .then((source) => readSseEvents(source, subscriber))
      .then(
        () => {
          settle();
          subscriber.complete();
        },
        (error: unknown) => {
          settle();
          subscriber.error(error);
        },
      );
    return () => {
      if (!settled) controller.abort(new AbortedError('The stream was unsubscribed.'));
    };
  });
}

async function readSseEvents(
  { body, state, errorContext }: SseStreamSource,
  subscriber: Subscriber<StreamEvent>,
): Promise<void> {
  const emit = (events: readonly StreamEvent[]): void => {
    for (const event of events) subscriber.next(event);
  };
  const decoder = new SseDecoder(({ data }) => {
    if (data === '' || state.done === true) return;
    const payload = data === '[DONE]' ? data : tryParseJson(data);
    if (payload === undefined) throw notJson(data, errorContext);
    emit(state.push(payload));
  });
  for await (const bytes of body) {
    if (subscriber.closed) return;
    decoder.feed(bytes);
  }
  decoder.end();
  emit(state.finish());
}

function notJson(data: string, context: SseStreamErrorContext): InvalidResponseError {
  const excerpt = redactSecrets(data.slice(0, 200), context.secrets);
  return new InvalidResponseError(`${context.provider}: a stream event is not JSON: ${excerpt}`, {
    provider: context.provider,
    body: excerpt,
    ...(context.requestId !== undefined && { requestId: context.requestId }),
  });
}
