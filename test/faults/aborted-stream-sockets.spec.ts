import type { ServerResponse } from 'node:http';
import type { Subscription } from 'rxjs';
import type { ChatModel } from '../../lib/core/chat-model.interface';
import { OpenAIChatModel } from '../../lib/providers/openai/openai-chat-model';
import { HTTP_DEFAULT_MAX_CONNECTIONS } from '../../lib/providers/shared/http-client';
import { sharedOriginPool } from '../../lib/providers/shared/shared-http-pool';
import { readFixture, recordedText } from '../support/fixtures';
import {
  closePoolsAfterEach,
  startCountingHttpServer,
  until,
  type ConnectionCounter,
} from './counting-server';
import { afterFirstTextEvent } from './fault-bodies';
import { FAULT_API_KEY } from './fault-harness';

const STREAMS = 200;
const SSE = readFixture('openai/chat-text.stream.txt');
const FIRST_EVENT = SSE.slice(0, afterFirstTextEvent('openai', SSE));

/**
 * Every stream gets its first event and then nothing more (a long answer in progress); a call
 * that is not streamed gets the recorded JSON answer at once.
 */
function answer(body: unknown, res: ServerResponse, streams: { answered: number }): void {
  if ((body as { stream?: unknown } | undefined)?.stream === true) {
    streams.answered++;
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(FIRST_EVENT);
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(readFixture('openai/chat-text.json'));
}

/** Subscribes; resolves once the stream delivered its first event. */
function openStream(model: ChatModel, subscriptions: Subscription[]): Promise<void> {
  return new Promise((resolve, reject) => {
    subscriptions.push(
      model.stream({ messages: [{ role: 'user', content: 'Hi' }] }).subscribe({
        next: () => resolve(),
        error: reject,
      }),
    );
  });
}

closePoolsAfterEach();

describe('aborted streams and the connections they leave', () => {
  let server: ConnectionCounter;
  const streams = { answered: 0 };

  beforeEach(async () => {
    streams.answered = 0;
    server = await startCountingHttpServer((body, res) => answer(body, res, streams));
  });

  afterEach(() => server.close());

  it(`${STREAMS} streams aborted mid-answer leave no socket open and open no new connection`, async () => {
    // A cap above the number of streams: each runs on its own socket, as in the report.
    const model = new OpenAIChatModel({
      model: 'gpt-4o',
      apiKey: FAULT_API_KEY,
      baseUrl: server.baseUrl,
      maxConnections: STREAMS + 56,
    });
    const subscriptions: Subscription[] = [];
    await Promise.all(Array.from({ length: STREAMS }, () => openStream(model, subscriptions)));
    expect(server.accepted).toBe(STREAMS);

    for (const subscription of subscriptions) subscription.unsubscribe();

    // undici used to dial one fresh connection per aborted stream right after closing its socket,
    // and keep it idle for the server's keep-alive (10 minutes here): 200 aborts, 200 new sockets.
    expect(await until(() => server.open === 0)).toBe(true);
    expect(server.accepted).toBe(STREAMS);
    // The pool still works afterwards: the next call opens one connection and keeps it.
    const response = await model.chat({ messages: [{ role: 'user', content: 'Hi' }] });
    expect(response.text).toBe(recordedText('openai/chat-text.json'));
    expect(await until(() => server.open <= 1)).toBe(true);
    expect(server.accepted).toBeLessThanOrEqual(STREAMS + 1);
  });

  it(`${STREAMS} streams behind the default cap of 128: the queued ones, aborted, cost no socket either`, async () => {
    const model = new OpenAIChatModel({
      model: 'gpt-4o',
      apiKey: FAULT_API_KEY,
      baseUrl: server.baseUrl,
    });
    const subscriptions: Subscription[] = [];
    // The first-event promises of the queued streams never settle: they are never awaited.
    for (let stream = 0; stream < STREAMS; stream++) void openStream(model, subscriptions);
    expect(await until(() => streams.answered === HTTP_DEFAULT_MAX_CONNECTIONS)).toBe(true);
    // 72 streams wait in the pool's queue for a free connection.
    expect(server.accepted).toBe(128);

    for (const subscription of subscriptions) subscription.unsubscribe();
    expect(await until(() => server.open === 0)).toBe(true);
    expect(server.accepted).toBe(128);

    // The queued requests reach a connection as later calls free one, and are dropped there
    // before a byte is sent; the connection is kept (it used to be destroyed by the abort).
    const chat = (): Promise<unknown> =>
      model.chat({ messages: [{ role: 'user', content: 'Hi' }] });
    for (let call = 0; call < 5; call++) await chat();
    const pool = sharedOriginPool(server.url, HTTP_DEFAULT_MAX_CONNECTIONS).dispatcher;
    expect(await until(() => pool.stats.pending === 0)).toBe(true);
    expect(streams.answered).toBe(128);
    const accepted = server.accepted;
    expect(accepted).toBeLessThanOrEqual(128 + 5);
    for (let call = 0; call < 5; call++) await chat();
    expect(server.accepted).toBe(accepted);
    expect(server.open).toBeLessThanOrEqual(5);
  });
});
