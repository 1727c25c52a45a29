import { ConnectionError, ServerError } from '../../lib/core';
import { RetryInterceptor } from '../../lib/interceptors/built-in/retry.interceptor';
import { readFixture, recordedText } from '../support/fixtures';
import { ReplayServer } from '../support/replay-server';
import { afterFirstTextEvent, errorBody } from './fault-bodies';
import {
  activeCount,
  chatModelFor,
  collectedText,
  FAULT_WIRES,
  okFixture,
  rejectionOf,
  runStream,
  settledSocketCount,
  startConduit,
  trackUnhandledRejections,
  type FaultConduit,
} from './fault-harness';

describe.each(FAULT_WIRES)('recovery with RetryInterceptor on the %s wire', (wire) => {
  let server: ReplayServer;
  let conduit: FaultConduit;
  let sockets: number;
  let reference: string;
  const rejections = trackUnhandledRejections();
  const overloaded = (): { status: number; body: string; headers: Record<string, string> } => ({
    status: wire === 'openai' ? 503 : 529,
    body: errorBody(wire, 'overloaded_error', 'Overloaded'),
    headers: { 'content-type': 'application/json', 'retry-after-ms': '1' },
  });

  beforeEach(async () => {
    sockets = activeCount('TCPSocketWrap');
    server = await ReplayServer.start();
    // Waits of 0-1 ms: the suite checks what is retried, not how long it waits.
    const retry = new RetryInterceptor({ maxAttempts: 3, initialDelayMs: 1, random: () => 0 });
    conduit = await startConduit(chatModelFor(wire, server.baseUrl), { interceptors: [retry] });
    server.enqueue({ fixture: okFixture(wire, true) });
    reference = await collectedText(conduit.chat.stream('Hi'));
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

  it('chat: a 429 with retry-after-ms, then the answer', async () => {
    server.enqueue(
      {
        status: 429,
        body: errorBody(wire, 'rate_limit_error', 'Slow down'),
        headers: { 'content-type': 'application/json', 'retry-after-ms': '1' },
      },
      { fixture: okFixture(wire, false) },
    );
    const answer = await conduit.chat.chat('Hi');
    expect(answer.text).toBe(recordedText(okFixture(wire, false)));
    expect(server.requests).toHaveLength(3);
  });

  it('chat: overloaded, then a reset socket, then the answer', async () => {
    server.enqueue(
      overloaded(),
      { fixture: okFixture(wire, false), destroyAfterBytes: 0 },
      {
        fixture: okFixture(wire, false),
      },
    );
    expect((await conduit.chat.chat('Hi')).text).toBe(recordedText(okFixture(wire, false)));
    // The reference stream, then the three attempts: the answer came from the third one.
    expect(server.requests).toHaveLength(4);
  });

  it('chat: gives up after maxAttempts with the last typed error', async () => {
    server.enqueue(overloaded(), overloaded(), overloaded());
    expect(await rejectionOf(conduit.chat.chat('Hi'))).toBeInstanceOf(ServerError);
    expect(server.requests).toHaveLength(4);
  });

  it('stream: failures before the first event are retried and every delta arrives once', async () => {
    server.enqueue(
      overloaded(),
      { fixture: okFixture(wire, true), destroyAfterBytes: 0 },
      {
        fixture: okFixture(wire, true),
        chunkSize: 50,
      },
    );
    const outcome = await runStream(conduit.chat.stream('Hi'));
    expect(outcome.error).toBeUndefined();
    expect(outcome.text).toBe(reference);
    expect(outcome.events.filter((e) => e.type === 'start')).toHaveLength(1);
    expect(outcome.events.filter((e) => e.type === 'finish')).toHaveLength(1);
  });

  it('stream: a reset after deltas were delivered is not retried, so no delta is repeated', async () => {
    const sse = readFixture(okFixture(wire, true));
    server.enqueue(
      { fixture: okFixture(wire, true), destroyAfterBytes: afterFirstTextEvent(wire, sse) },
      { fixture: okFixture(wire, true) },
    );
    const outcome = await runStream(conduit.chat.stream('Hi'));
    expect(outcome.error).toBeInstanceOf(ConnectionError);
    expect(reference.startsWith(outcome.text)).toBe(true);
    expect(outcome.events.filter((e) => e.type === 'text-delta')).toHaveLength(1);
    // 1 reference + 1 failed stream: the second script was never asked for.
    expect(server.requests).toHaveLength(2);
  });
});
