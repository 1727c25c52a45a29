import { ConnectionError, InvalidResponseError, TimeoutError } from '../../lib/core';
import { readFixture } from '../support/fixtures';
import { ReplayServer } from '../support/replay-server';
import { afterFirstTextEvent } from './fault-bodies';
import {
  chatModelFor,
  FAULT_WIRES,
  okFixture,
  rejectionOf,
  runStream,
  startConduit,
} from './fault-harness';
import { useFaultSuite } from './fault-suite';

/** Short enough to keep the suite fast; the assertions are about the error, never the duration. */
const CALL_TIMEOUT_MS = 300;

describe.each(FAULT_WIRES)('transport failures on the %s wire', (wire) => {
  const suite = useFaultSuite((server) => startConduit(chatModelFor(wire, server.baseUrl)));

  it('connection refused: chat and stream fail with a retryable ConnectionError', async () => {
    const refused = await startConduit(chatModelFor(wire, await ReplayServer.refusedUrl()));
    const error = await rejectionOf(refused.chat.chat('Hi'));
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).isRetryable).toBe(true);
    const outcome = await runStream(refused.chat.stream('Hi'));
    expect(outcome.events).toEqual([]);
    expect(outcome.error).toBeInstanceOf(ConnectionError);
    await refused.close();
  });

  it('socket reset before the headers: chat fails with ConnectionError', async () => {
    suite.server.enqueue({ fixture: okFixture(wire, false), destroyAfterBytes: 0 });
    expect(await rejectionOf(suite.conduit.chat.chat('Hi'))).toBeInstanceOf(ConnectionError);
  });

  it('socket reset before the headers: stream fails with ConnectionError and no event', async () => {
    suite.server.enqueue({ fixture: okFixture(wire, true), destroyAfterBytes: 0 });
    const outcome = await runStream(suite.conduit.chat.stream('Hi'));
    expect(outcome.events).toEqual([]);
    expect(outcome.error).toBeInstanceOf(ConnectionError);
  });

  it('socket reset mid-body: chat fails with ConnectionError', async () => {
    suite.server.enqueue({ fixture: okFixture(wire, false), destroyAfterBytes: 40 });
    expect(await rejectionOf(suite.conduit.chat.chat('Hi'))).toBeInstanceOf(ConnectionError);
  });

  it('socket reset mid-stream: the deltas already sent arrive once, then ConnectionError', async () => {
    const sse = readFixture(okFixture(wire, true));
    suite.server.enqueue({
      fixture: okFixture(wire, true),
      destroyAfterBytes: afterFirstTextEvent(wire, sse),
    });
    const outcome = await runStream(suite.conduit.chat.stream('Hi'));
    expect(outcome.events.filter((e) => e.type === 'text-delta')).toHaveLength(1);
    expect(outcome.events.some((e) => e.type === 'finish')).toBe(false);
    expect(outcome.error).toBeInstanceOf(ConnectionError);
  });

  it('a truncated JSON body (the server ends early) fails with InvalidResponseError', async () => {
    const whole = readFixture(okFixture(wire, false));
    suite.server.enqueue({
      body: whole.slice(0, Math.floor(whole.length / 2)),
      headers: { 'content-type': 'application/json' },
    });
    const error = await rejectionOf(suite.conduit.chat.chat('Hi'));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).isRetryable).toBe(false);
  });

  it('a stream that stalls mid-answer ends in TimeoutError and its socket is closed', async () => {
    const sse = readFixture(okFixture(wire, true));
    suite.server.enqueue({
      fixture: okFixture(wire, true),
      pauseAfterBytes: afterFirstTextEvent(wire, sse),
    });
    const outcome = await runStream(
      suite.conduit.chat.stream('Hi', { timeoutMs: CALL_TIMEOUT_MS }),
    );
    expect(outcome.events.filter((e) => e.type === 'text-delta')).toHaveLength(1);
    expect(outcome.error).toBeInstanceOf(TimeoutError);
    await suite.server.waitForClientClose();
  });

  it('a server that never answers: chat ends in TimeoutError and the request is abandoned', async () => {
    suite.server.enqueue({ fixture: okFixture(wire, false), pauseAfterBytes: 0 });
    const error = await rejectionOf(suite.conduit.chat.chat('Hi', { timeoutMs: CALL_TIMEOUT_MS }));
    expect(error).toBeInstanceOf(TimeoutError);
    await suite.server.waitForClientClose();
  });

  it('a server that never answers: stream ends in TimeoutError without any event', async () => {
    suite.server.enqueue({ fixture: okFixture(wire, true), pauseAfterBytes: 0 });
    const outcome = await runStream(
      suite.conduit.chat.stream('Hi', { timeoutMs: CALL_TIMEOUT_MS }),
    );
    expect(outcome.events).toEqual([]);
    expect(outcome.error).toBeInstanceOf(TimeoutError);
    await suite.server.waitForClientClose();
  });
});
