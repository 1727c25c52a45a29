import { ResponseTooLargeError } from '../../lib/core';
import { readFixture } from '../support/fixtures';
import { ReplayServer } from '../support/replay-server';
import {
  activeCount,
  chatModelFor,
  embeddingModelFor,
  FAULT_WIRES,
  okFixture,
  rejectionOf,
  runStream,
  settledSocketCount,
  startConduit,
  trackUnhandledRejections,
  type FaultConduit,
} from './fault-harness';

const LIMIT = 2048;

describe.each(FAULT_WIRES)('response size limit on the %s wire', (wire) => {
  let server: ReplayServer;
  let conduit: FaultConduit;
  let sockets: number;
  const rejections = trackUnhandledRejections();

  beforeEach(async () => {
    sockets = activeCount('TCPSocketWrap');
    server = await ReplayServer.start();
    const extras = { maxResponseBytes: LIMIT };
    conduit = await startConduit(chatModelFor(wire, server.baseUrl, extras), {
      embed: embeddingModelFor(server.baseUrl, extras),
    });
  });

  afterEach(async () => {
    await conduit.close();
    await server.close();
    expect(await settledSocketCount(sockets)).toBeLessThanOrEqual(sockets);
  });

  afterAll(() => {
    rejections.stop();
    expect(rejections.seen).toEqual([]);
  });

  const oversizedJson = (): string => {
    const answer = JSON.parse(readFixture(okFixture(wire, false))) as Record<string, unknown>;
    return JSON.stringify({ ...answer, padding: 'x'.repeat(LIMIT * 2) });
  };

  const expectTooLarge = (error: unknown): void => {
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect((error as ResponseTooLargeError).limitBytes).toBe(LIMIT);
    expect((error as ResponseTooLargeError).isRetryable).toBe(false);
  };

  it('chat: a body announced larger than the limit fails before it is read', async () => {
    server.enqueue({ body: oversizedJson(), headers: { 'content-type': 'application/json' } });
    expectTooLarge(await rejectionOf(conduit.chat.chat('Hi')));
  });

  it('chat: a chunked body (no content-length) fails once it passes the limit', async () => {
    server.enqueue({
      body: oversizedJson(),
      headers: { 'content-type': 'application/json' },
      chunkSize: 512,
    });
    expectTooLarge(await rejectionOf(conduit.chat.chat('Hi')));
  });

  it('chat: an oversized error page fails with the size error, not the page', async () => {
    server.enqueue({ status: 500, body: 'e'.repeat(LIMIT * 4), chunkSize: 1024 });
    expectTooLarge(await rejectionOf(conduit.chat.chat('Hi')));
  });

  it('stream: the limit counts the whole stream; the client closes the connection', async () => {
    const sse = readFixture(okFixture(wire, true));
    const comment = `: ${'p'.repeat(LIMIT)}\n\n`;
    server.enqueue({
      body: `${sse.slice(0, sse.indexOf('\n\n') + 2)}${comment}${sse}`,
      headers: { 'content-type': 'text/event-stream' },
      chunkSize: 256,
      pauseBeforeEnd: true,
    });
    const outcome = await runStream(conduit.chat.stream('Hi'));
    expectTooLarge(outcome.error);
    expect(outcome.events.some((e) => e.type === 'finish')).toBe(false);
    await server.waitForClientClose();
  });

  if (wire === 'openai') {
    it('embed: an oversized answer fails with ResponseTooLargeError', async () => {
      server.enqueue({ body: oversizedJson(), headers: { 'content-type': 'application/json' } });
      expectTooLarge(await rejectionOf(conduit.chat.embed(['a', 'b'])));
    });
  }
});
