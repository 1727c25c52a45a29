import { EventEmitter } from 'node:events';
import { concat, from, lastValueFrom, NEVER, Observable, throwError, toArray } from 'rxjs';
import { AuthenticationError, type StreamEvent } from '../core';
import { toWsEvents } from './to-ws-events';

const delta: StreamEvent = { type: 'text-delta', delta: 'Hi' };

/** A socket.io-like client: `connected` until `disconnect`. */
class FakeIoSocket extends EventEmitter {
  connected = true;
  drop(): void {
    this.connected = false;
    this.emit('disconnect');
  }
}

/** A ws-like client: `readyState` 1 until `close`. */
class FakeWebSocket extends EventEmitter {
  readyState = 1;
  drop(): void {
    this.readyState = 3;
    this.emit('close');
  }
}

/** A source that counts its subscriptions and unsubscriptions (an aborted model call). */
function tracked(): { source: Observable<StreamEvent>; subscribed: number; unsubscribed: number } {
  const state = { subscribed: 0, unsubscribed: 0, source: NEVER as Observable<StreamEvent> };
  state.source = new Observable<StreamEvent>((subscriber) => {
    state.subscribed++;
    subscriber.next(delta);
    return () => state.unsubscribed++;
  });
  return state;
}

describe('toWsEvents', () => {
  it('sends each event under its type, or under the one event name given', async () => {
    const client = new FakeIoSocket();
    expect(await lastValueFrom(from([delta]).pipe(toWsEvents(client), toArray()))).toEqual([
      { event: 'text-delta', data: delta },
    ]);
    expect(
      await lastValueFrom(from([delta]).pipe(toWsEvents(client, { event: 'chat' }), toArray())),
    ).toEqual([{ event: 'chat', data: delta }]);
  });

  it.each([
    ['socket.io', () => new FakeIoSocket()],
    ['ws', () => new FakeWebSocket()],
  ])('completes and unsubscribes the source when a %s client disconnects', (_name, make) => {
    const client = make();
    const upstream = tracked();
    const received: unknown[] = [];
    let completed = false;
    upstream.source.pipe(toWsEvents(client)).subscribe({
      next: (message) => received.push(message),
      complete: () => (completed = true),
    });
    expect(received).toEqual([{ event: 'text-delta', data: delta }]);
    client.drop();
    expect(completed).toBe(true);
    expect(upstream.unsubscribed).toBe(1);
    expect(client.listenerCount('disconnect') + client.listenerCount('close')).toBe(0);
  });

  it('starts no call for a client already gone', async () => {
    const client = new FakeWebSocket();
    client.drop();
    const upstream = tracked();
    expect(await lastValueFrom(upstream.source.pipe(toWsEvents(client), toArray()))).toEqual([]);
    expect(upstream.subscribed).toBe(0);
  });

  it('stops listening to the client when the stream ends on its own', async () => {
    const client = new FakeIoSocket();
    await lastValueFrom(from([delta]).pipe(toWsEvents(client), toArray()));
    expect(client.listenerCount('disconnect')).toBe(0);
  });

  it("ends a failed stream with a client-safe error message under errorEvent (never the provider's text)", async () => {
    const failure = new AuthenticationError('OpenAI error 401: Incorrect API key sk-abc', {
      provider: 'openai',
      status: 401,
    });
    const messages = await lastValueFrom(
      concat(
        from([delta]),
        throwError(() => failure),
      ).pipe(toWsEvents(new FakeIoSocket(), { errorEvent: 'chat-error' }), toArray()),
    );
    expect(messages).toEqual([
      { event: 'text-delta', data: delta },
      {
        event: 'chat-error',
        data: {
          type: 'error',
          error: {
            name: 'AuthenticationError',
            message: 'The model provider failed to answer.',
            code: 'upstream_error',
            isRetryable: false,
          },
        },
      },
    ]);
  });
});
