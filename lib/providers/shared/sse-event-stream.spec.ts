import { lastValueFrom, toArray } from 'rxjs';
import { AbortedError, InvalidResponseError, type StreamEvent } from '../../core';
import { streamSseEvents, type SseStreamState } from './sse-event-stream';

const encoder = new TextEncoder();

async function* bodyOf(...pieces: string[]): AsyncIterable<Uint8Array> {
  for (const piece of pieces) yield encoder.encode(piece);
}

/** A state that records the payloads it is given and answers each with one text delta. */
class RecordingState implements SseStreamState {
  readonly payloads: unknown[] = [];
  done = false;

  constructor(private readonly doneAt?: string) {}

  push(payload: unknown): StreamEvent[] {
    this.payloads.push(payload);
    if (payload === this.doneAt) this.done = true;
    return [{ type: 'text-delta', delta: JSON.stringify(payload) }];
  }

  finish(): StreamEvent[] {
    return [{ type: 'text-delta', delta: 'end' }];
  }
}

const errorContext = { provider: 'acme', secrets: ['sk-secret'] };

describe('streamSseEvents', () => {
  it('gives each JSON payload and the [DONE] sentinel to the state, skips empty data, then finishes', async () => {
    const state = new RecordingState();
    const body = bodyOf('data: {"a":1}\n\ndata:\n\ndata: [DONE]\n\n', 'data: {"b":2}');
    const events = await lastValueFrom(
      streamSseEvents(undefined, () => Promise.resolve({ body, state, errorContext })).pipe(
        toArray(),
      ),
    );
    expect(state.payloads).toEqual([{ a: 1 }, '[DONE]', { b: 2 }]);
    expect(events.map((event) => (event.type === 'text-delta' ? event.delta : ''))).toEqual([
      '{"a":1}',
      '"[DONE]"',
      '{"b":2}',
      'end',
    ]);
  });

  it('drops every payload once the state is done, even one that is not JSON', async () => {
    const state = new RecordingState('[DONE]');
    const body = bodyOf('data: {"a":1}\n\ndata: [DONE]\n\ndata: <html>\n\ndata: {"b":2}\n\n');
    await lastValueFrom(
      streamSseEvents(undefined, () => Promise.resolve({ body, state, errorContext })).pipe(
        toArray(),
      ),
    );
    expect(state.payloads).toEqual([{ a: 1 }, '[DONE]']);
  });

  it('fails on a data line that is not JSON with InvalidResponseError, key redacted, request id kept', async () => {
    const body = bodyOf('data: oops sk-secret\n\n');
    const source = {
      body,
      state: new RecordingState(),
      errorContext: { ...errorContext, requestId: 'req_1' },
    };
    const error = await lastValueFrom(
      streamSseEvents(undefined, () => Promise.resolve(source)),
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({
      message: 'acme: a stream event is not JSON: oops [REDACTED]',
      provider: 'acme',
      body: 'oops [REDACTED]',
      requestId: 'req_1',
    });
  });

  it('is cold, and aborts the signal given to open with an AbortedError on unsubscribe', async () => {
    let seen: AbortSignal | undefined;
    const open = jest.fn((signal: AbortSignal) => {
      seen = signal;
      return new Promise<never>(() => undefined);
    });
    const stream = streamSseEvents(undefined, open);
    expect(open).not.toHaveBeenCalled();
    stream.subscribe().unsubscribe();
    expect(open).toHaveBeenCalledTimes(1);
    expect(seen?.aborted).toBe(true);
    expect(seen?.reason).toBeInstanceOf(AbortedError);
  });

  it('passes the caller signal on: its abort reaches the signal given to open', () => {
    const caller = new AbortController();
    let seen: AbortSignal | undefined;
    streamSseEvents(caller.signal, (signal) => {
      seen = signal;
      return new Promise<never>(() => undefined);
    }).subscribe({ error: () => undefined });
    const reason = new AbortedError('stop');
    caller.abort(reason);
    expect(seen?.aborted).toBe(true);
    expect(seen?.reason).toBe(reason);
  });

  it('does not abort a stream that already completed when it is torn down', async () => {
    let seen: AbortSignal | undefined;
    await lastValueFrom(
      streamSseEvents(undefined, (signal) => {
        seen = signal;
        return Promise.resolve({ body: bodyOf(), state: new RecordingState(), errorContext });
      }).pipe(toArray()),
    );
    expect(seen?.aborted).toBe(false);
  });
});
