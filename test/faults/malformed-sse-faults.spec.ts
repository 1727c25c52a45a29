import { InvalidResponseError, ServerError } from '../../lib/core';
import { ReplayServer } from '../support/replay-server';
import {
  cleanSse,
  multiByteSse,
  withComments,
  withCrlf,
  withErrorEvent,
  withoutBlankLines,
  withUnknownEvents,
} from './fault-bodies';
import {
  activeCount,
  chatModelFor,
  collectedText,
  FAULT_WIRES,
  okFixture,
  runStream,
  settledSocketCount,
  startConduit,
  trackUnhandledRejections,
  type FaultConduit,
} from './fault-harness';

const SSE = { 'content-type': 'text/event-stream' };

describe.each(FAULT_WIRES)('malformed and unusual SSE on the %s wire', (wire) => {
  let server: ReplayServer;
  let conduit: FaultConduit;
  let sockets: number;
  let reference: string;
  const rejections = trackUnhandledRejections();
  const clean = cleanSse(okFixture(wire, true));

  beforeEach(async () => {
    sockets = activeCount('TCPSocketWrap');
    server = await ReplayServer.start();
    conduit = await startConduit(chatModelFor(wire, server.baseUrl));
    server.enqueue({ fixture: okFixture(wire, true) });
    reference = await collectedText(conduit.chat.stream('Hi'));
    expect(reference.length).toBeGreaterThan(0);
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

  it.each([
    ['\\r\\n line ends', withCrlf],
    ['comment lines between events', withComments],
    ['unknown event types', (sse: string) => withUnknownEvents(wire, sse)],
  ])('%s: the same answer as the clean stream', async (_name, mutate) => {
    server.enqueue({ body: mutate(clean), headers: SSE, chunkSize: 97 });
    const outcome = await runStream(conduit.chat.stream('Hi'));
    expect(outcome.error).toBeUndefined();
    expect(outcome.text).toBe(reference);
    expect(outcome.events.at(-1)?.type).toBe('finish');
  });

  it('a JSON payload split mid-key across reads: the same answer', async () => {
    const key = wire === 'openai' ? '"delta":{"con' : '"delta":{"ty';
    const cut = Buffer.from(clean).indexOf(key) + key.length;
    server.enqueue({ body: clean, headers: SSE, cutAt: [cut] });
    const outcome = await runStream(conduit.chat.stream('Hi'));
    expect(outcome.error).toBeUndefined();
    expect(outcome.text).toBe(reference);
  });

  it('one byte a read (every split point at once): the same answer', async () => {
    server.enqueue({ body: clean, headers: SSE, chunkSize: 1 });
    const outcome = await runStream(conduit.chat.stream('Hi'));
    expect(outcome.text).toBe(reference);
  });

  it('UTF-8 characters split across reads arrive whole', async () => {
    const pieces = ['Crème ', 'brûlée ', '— 東京 ', '🌍🚀', ' ok'];
    const body = multiByteSse(wire, pieces);
    const bytes = Buffer.from(body);
    // Cut inside every multi-byte character (continuation bytes are 10xxxxxx).
    const cuts = [...bytes.keys()].filter((i) => (bytes[i] & 0xc0) === 0x80);
    server.enqueue({ body: bytes, headers: SSE, cutAt: cuts });
    const outcome = await runStream(conduit.chat.stream('Hi'));
    expect(outcome.error).toBeUndefined();
    expect(outcome.text).toBe(pieces.join(''));
    expect(outcome.text).not.toContain('\uFFFD');
  });

  it('missing blank lines between events: InvalidResponseError, not a garbled answer', async () => {
    server.enqueue({ body: withoutBlankLines(clean), headers: SSE });
    const outcome = await runStream(conduit.chat.stream('Hi'));
    expect(outcome.error).toBeInstanceOf(InvalidResponseError);
    expect(outcome.text).toBe('');
  });

  it('an error event mid-stream: the delta before it, then a retryable ServerError', async () => {
    server.enqueue({ body: withErrorEvent(wire, clean), headers: SSE });
    const outcome = await runStream(conduit.chat.stream('Hi'));
    expect(outcome.events.filter((e) => e.type === 'text-delta')).toHaveLength(1);
    expect(outcome.error).toBeInstanceOf(ServerError);
    expect((outcome.error as ServerError).isRetryable).toBe(true);
  });
});
