import type { ServerResponse } from 'node:http';
import { ConnectionError, describeErrorForClient } from '../../lib/core';
import { readFixture } from '../support/fixtures';
import {
  closePoolsAfterEach,
  startCountingHttpServer,
  startRawServer,
  until,
  type ConnectionCounter,
} from './counting-server';
import { chatModelFor, FAULT_WIRES, okFixture, rejectionOf, runStream } from './fault-harness';

const MAX_CONNECTIONS = 4;
const CALLS = 40;

closePoolsAfterEach();

describe.each(FAULT_WIRES)('the connection cap on the %s wire', (wire) => {
  let server: ConnectionCounter;
  /** Answers held until as many requests as the cap are in: the cap is reached every round. */
  let held: ServerResponse[] = [];
  let mostAtOnce = 0;

  beforeEach(async () => {
    held = [];
    mostAtOnce = 0;
    server = await startCountingHttpServer((_body, res) => {
      held.push(res);
      mostAtOnce = Math.max(mostAtOnce, held.length);
      if (held.length < MAX_CONNECTIONS) return;
      for (const waiting of held.splice(0)) {
        waiting.writeHead(200, { 'content-type': 'application/json' });
        waiting.end(readFixture(okFixture(wire, false)));
      }
    });
  });

  afterEach(() => server.close());

  it(`${CALLS} concurrent calls queue behind maxConnections: ${MAX_CONNECTIONS} sockets, every call answered`, async () => {
    const model = chatModelFor(wire, server.baseUrl, { maxConnections: MAX_CONNECTIONS });
    const answers = await Promise.all(
      Array.from({ length: CALLS }, () =>
        model.chat({ messages: [{ role: 'user', content: 'Hi' }] }),
      ),
    );
    expect(answers.every((answer) => answer.text.length > 0)).toBe(true);
    expect(server.accepted).toBeLessThanOrEqual(MAX_CONNECTIONS);
    expect(mostAtOnce).toBe(MAX_CONNECTIONS);
  });
});

describe.each(FAULT_WIRES)('a server that breaks HTTP, on the %s wire', (wire) => {
  let server: ConnectionCounter | undefined;

  afterEach(() => server?.close());

  it('a server that does not speak HTTP (an SSH banner): chat fails with a retryable ConnectionError, mapped to 502', async () => {
    server = await startRawServer('SSH-2.0-OpenSSH_9.6\r\n');
    const error = await rejectionOf(
      chatModelFor(wire, server.baseUrl).chat({ messages: [{ role: 'user', content: 'Hi' }] }),
    );
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).isRetryable).toBe(true);
    expect((error as ConnectionError).message).toContain('did not answer valid HTTP');
    expect(describeErrorForClient(error).status).toBe(502);
    expect(await until(() => server!.open === 0)).toBe(true);
  });

  it('a server that does not speak HTTP: stream fails with ConnectionError and no event', async () => {
    server = await startRawServer('SSH-2.0-OpenSSH_9.6\r\n');
    const outcome = await runStream(
      chatModelFor(wire, server.baseUrl).stream({ messages: [{ role: 'user', content: 'Hi' }] }),
    );
    expect(outcome.events).toEqual([]);
    expect(outcome.error).toBeInstanceOf(ConnectionError);
  });

  it('a stream whose chunked encoding breaks after the first event: the event arrives, then ConnectionError', async () => {
    const sse = readFixture(okFixture(wire, true));
    const firstEvent = sse.slice(0, sse.indexOf('\n\n') + 2);
    const chunk = Buffer.from(firstEvent, 'utf8');
    server = await startRawServer(
      'HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n' +
        `${chunk.length.toString(16)}\r\n${firstEvent}\r\n` +
        'zz-not-a-chunk-size\r\n',
    );
    const outcome = await runStream(
      chatModelFor(wire, server.baseUrl).stream({ messages: [{ role: 'user', content: 'Hi' }] }),
    );
    expect(outcome.error).toBeInstanceOf(ConnectionError);
    expect((outcome.error as ConnectionError).isRetryable).toBe(true);
    expect(await until(() => server!.open === 0)).toBe(true);
  });

  it('a JSON answer whose chunked encoding breaks: chat fails with ConnectionError', async () => {
    server = await startRawServer(
      'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n' +
        '2\r\n{"\r\nnot-hex\r\n',
    );
    const error = await rejectionOf(
      chatModelFor(wire, server.baseUrl).chat({ messages: [{ role: 'user', content: 'Hi' }] }),
    );
    expect(error).toBeInstanceOf(ConnectionError);
  });
});
