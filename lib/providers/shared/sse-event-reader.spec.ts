import { AsyncLocalStorage } from 'node:async_hooks';
import { lastValueFrom, Observable, toArray } from 'rxjs';
import { InvalidResponseError, type StreamEvent } from '../../core';
import { SseEventReader, type SseStreamSetup, type SseStreamState } from './sse-event-reader';

const encoder = new TextEncoder();

/** Drives a reader the way HttpExchange does: start, the pieces, end; a throw goes to fail. */
function read(setup: SseStreamSetup, ...pieces: string[]): Promise<StreamEvent[]> {
  return lastValueFrom(
    new Observable<StreamEvent>((subscriber) => {
      const reader = new SseEventReader(subscriber, () => setup);
      reader.start({ status: 200, headers: {} });
      try {
        for (const piece of pieces) reader.data(encoder.encode(piece));
        reader.end();
      } catch (error) {
        reader.fail(error);
      }
    }).pipe(toArray()),
  );
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

describe('SseEventReader', () => {
  it('gives each JSON payload and the [DONE] sentinel to the state, skips empty data, then finishes', async () => {
    const state = new RecordingState();
    const events = await read(
      { state, errorContext },
      'data: {"a":1}\n\ndata:\n\ndata: [DONE]\n\n',
      'data: {"b":2}',
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
    await read(
      { state, errorContext },
      'data: {"a":1}\n\ndata: [DONE]\n\ndata: <html>\n\ndata: {"b":2}\n\n',
    );
    expect(state.payloads).toEqual([{ a: 1 }, '[DONE]']);
  });

  it('throws on a data line that is not JSON with InvalidResponseError, key redacted, request id kept', async () => {
    const setup = {
      state: new RecordingState(),
      errorContext: { ...errorContext, requestId: 'req_1' },
    };
    const error = await read(setup, 'data: oops sk-secret\n\n').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({
      message: 'acme: a stream event is not JSON: oops [REDACTED]',
      provider: 'acme',
      body: 'oops [REDACTED]',
      requestId: 'req_1',
    });
  });

  it('delivers events in the async context the stream was subscribed in', async () => {
    const storage = new AsyncLocalStorage<string>();
    let reader: SseEventReader | undefined;
    const stores: (string | undefined)[] = [];
    const done = new Promise<void>((resolve) => {
      storage.run('request-1', () => {
        new Observable<StreamEvent>((subscriber) => {
          reader = new SseEventReader(subscriber, () => ({
            state: new RecordingState(),
            errorContext,
          }));
        }).subscribe({
          next: () => stores.push(storage.getStore()),
          complete: () => {
            stores.push(storage.getStore());
            resolve();
          },
        });
      });
    });
    // The socket's callbacks run outside the subscriber's context.
    storage.run('socket', () => {
      reader!.start({ status: 200, headers: {} });
      reader!.data(encoder.encode('data: {"a":1}\n\n'));
      reader!.end();
    });
    await done;
    expect(stores).toEqual(['request-1', 'request-1', 'request-1']);
  });

  it('reads nothing more once the subscriber is gone', () => {
    const state = new RecordingState();
    let reader: SseEventReader | undefined;
    new Observable<StreamEvent>((subscriber) => {
      reader = new SseEventReader(subscriber, () => ({ state, errorContext }));
    })
      .subscribe()
      .unsubscribe();
    reader!.start({ status: 200, headers: {} });
    reader!.data(encoder.encode('data: {"a":1}\n\n'));
    reader!.end();
    expect(state.payloads).toEqual([]);
  });
});
