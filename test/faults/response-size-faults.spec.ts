import { ResponseTooLargeError } from '../../lib/core';
import { readFixture } from '../support/fixtures';
import {
  chatModelFor,
  embeddingModelFor,
  FAULT_WIRES,
  okFixture,
  rejectionOf,
  runStream,
  startConduit,
} from './fault-harness';
import { useFaultSuite } from './fault-suite';

const LIMIT = 2048;

describe.each(FAULT_WIRES)('response size limit on the %s wire', (wire) => {
  const suite = useFaultSuite((server) => {
    const extras = { maxResponseBytes: LIMIT };
    return startConduit(chatModelFor(wire, server.baseUrl, extras), {
      embed: embeddingModelFor(server.baseUrl, extras),
    });
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
    suite.server.enqueue({
      body: oversizedJson(),
      headers: { 'content-type': 'application/json' },
    });
    expectTooLarge(await rejectionOf(suite.conduit.chat.chat('Hi')));
  });

  it('chat: a chunked body (no content-length) fails once it passes the limit', async () => {
    suite.server.enqueue({
      body: oversizedJson(),
      headers: { 'content-type': 'application/json' },
      chunkSize: 512,
    });
    expectTooLarge(await rejectionOf(suite.conduit.chat.chat('Hi')));
  });

  it('chat: an oversized error page fails with the size error, not the page', async () => {
    suite.server.enqueue({ status: 500, body: 'e'.repeat(LIMIT * 4), chunkSize: 1024 });
    expectTooLarge(await rejectionOf(suite.conduit.chat.chat('Hi')));
  });

  it('stream: the limit counts the whole stream; the client closes the connection', async () => {
    const sse = readFixture(okFixture(wire, true));
    const comment = `: ${'p'.repeat(LIMIT)}\n\n`;
    suite.server.enqueue({
      body: `${sse.slice(0, sse.indexOf('\n\n') + 2)}${comment}${sse}`,
      headers: { 'content-type': 'text/event-stream' },
      chunkSize: 256,
      pauseBeforeEnd: true,
    });
    const outcome = await runStream(suite.conduit.chat.stream('Hi'));
    expectTooLarge(outcome.error);
    expect(outcome.events.some((e) => e.type === 'finish')).toBe(false);
    await suite.server.waitForClientClose();
  });

  if (wire === 'openai') {
    it('embed: an oversized answer fails with ResponseTooLargeError', async () => {
      suite.server.enqueue({
        body: oversizedJson(),
        headers: { 'content-type': 'application/json' },
      });
      expectTooLarge(await rejectionOf(suite.conduit.chat.embed(['a', 'b'])));
    });
  }
});
