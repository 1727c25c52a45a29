import { AbortedError, CircuitOpenError, InvalidRequestError, ServerError } from '../../lib/core';
import { errorBody } from '../faults/fault-bodies';
import { recordedText } from '../support/fixtures';
import { FAULT_WIRES, okFixture, rejectionOf, runStream } from '../faults/fault-harness';
import {
  fallbackOf,
  manualClock,
  overloaded,
  startFallbackRig,
  type FallbackRig,
} from './fallback-harness';

const COOLDOWN_MS = 30_000;

describe.each(FAULT_WIRES)('circuit breakers on the %s wire', (wire) => {
  let rig: FallbackRig;
  let clock: ReturnType<typeof manualClock>;
  const text = recordedText(okFixture(wire, false));
  const ok = { fixture: okFixture(wire, false) };

  afterEach(async () => {
    await rig.close();
  });

  describe('default -> backup, threshold 2', () => {
    beforeEach(async () => {
      clock = manualClock();
      rig = await startFallbackRig(wire, ['default', 'backup'], {
        fallbacks: { default: ['backup'] },
        circuitBreaker: { failureThreshold: 2, cooldownMs: COOLDOWN_MS, now: clock.now },
      });
    });

    /** Two failures of default, each answered by backup: the circuit of default is open. */
    async function openDefault(): Promise<void> {
      rig.servers['default'].enqueue(overloaded(wire), overloaded(wire));
      rig.servers['backup'].enqueue(ok, ok);
      await rig.chat.chat('Hi');
      await rig.chat.chat('Hi');
      expect(rig.servers['default'].requests).toHaveLength(2);
    }

    it('opens after failureThreshold consecutive failures and skips the alias at once', async () => {
      await openDefault();
      rig.servers['backup'].enqueue(ok);
      const answer = await rig.chat.chat('Hi');
      expect(answer.text).toBe(text);
      // No request reached the failing upstream.
      expect(rig.servers['default'].requests).toHaveLength(2);
      expect(fallbackOf(answer.providerMetadata)[0]).toEqual({
        alias: 'default',
        error: 'CircuitOpenError',
        durationMs: 0,
      });
    });

    it('stays open until the cool-down ends', async () => {
      await openDefault();
      clock.advance(COOLDOWN_MS - 1);
      rig.servers['backup'].enqueue(ok);
      await rig.chat.chat('Hi');
      expect(rig.servers['default'].requests).toHaveLength(2);
    });

    it('half-opens after the cool-down with one probe, and a successful probe closes it', async () => {
      await openDefault();
      clock.advance(COOLDOWN_MS);
      rig.servers['default'].enqueue(ok, ok);
      const probe = await rig.chat.chat('Hi');
      expect(fallbackOf(probe.providerMetadata)).toEqual([
        expect.objectContaining({ alias: 'default' }),
      ]);
      expect(fallbackOf(probe.providerMetadata)[0]?.error).toBeUndefined();
      // Closed: the next call goes to default again, without waiting.
      await rig.chat.chat('Hi');
      expect(rig.servers['default'].requests).toHaveLength(4);
      expect(rig.servers['backup'].requests).toHaveLength(2);
    });

    it('a failed probe opens the circuit again', async () => {
      await openDefault();
      clock.advance(COOLDOWN_MS);
      rig.servers['default'].enqueue(overloaded(wire));
      rig.servers['backup'].enqueue(ok, ok);
      await rig.chat.chat('Hi');
      expect(rig.servers['default'].requests).toHaveLength(3);
      await rig.chat.chat('Hi');
      expect(rig.servers['default'].requests).toHaveLength(3);
    });

    it('a stream skips an open circuit too', async () => {
      await openDefault();
      rig.servers['backup'].enqueue({ fixture: okFixture(wire, true) });
      const outcome = await runStream(rig.chat.stream('Hi'));
      expect(outcome.error).toBeUndefined();
      expect(outcome.text).toBe(recordedText(okFixture(wire, true)));
      expect(rig.servers['default'].requests).toHaveLength(2);
    });

    it('a probe whose caller aborts frees its place: the next call probes at once', async () => {
      await openDefault();
      clock.advance(COOLDOWN_MS);
      // The probe stalls; its caller gives up.
      rig.servers['default'].enqueue({ ...ok, neverEnd: true, body: '{' });
      const controller = new AbortController();
      const probe = rig.chat.chat('Hi', { signal: controller.signal });
      await rig.servers['default'].waitForRequest(3);
      controller.abort();
      expect(await rejectionOf(probe)).toBeInstanceOf(AbortedError);
      // Without the release, default would be skipped for a whole cool-down (the probe's lease).
      rig.servers['default'].enqueue(ok);
      const next = await rig.chat.chat('Hi');
      expect(fallbackOf(next.providerMetadata)).toEqual([
        expect.objectContaining({ alias: 'default' }),
      ]);
      expect(rig.servers['default'].requests).toHaveLength(4);
    });

    it('a probe answered with an error that does not fall back (a 400) closes the circuit: the alias is up', async () => {
      await openDefault();
      clock.advance(COOLDOWN_MS);
      rig.servers['default'].enqueue({
        status: 400,
        body: errorBody(wire, 'invalid_request_error', 'Bad value for temperature'),
        headers: { 'content-type': 'application/json' },
      });
      expect(await rejectionOf(rig.chat.chat('Hi'))).toBeInstanceOf(InvalidRequestError);
      rig.servers['default'].enqueue(ok);
      await rig.chat.chat('Hi');
      expect(rig.servers['default'].requests).toHaveLength(4);
      expect(rig.servers['backup'].requests).toHaveLength(2);
    });

    it('a success between failures resets the count', async () => {
      rig.servers['default'].enqueue(overloaded(wire), ok, overloaded(wire), ok);
      rig.servers['backup'].enqueue(ok, ok);
      for (let i = 0; i < 4; i++) await rig.chat.chat('Hi');
      expect(rig.servers['default'].requests).toHaveLength(4);
    });
  });

  it('fails with CircuitOpenError when every alias of the chain is open', async () => {
    clock = manualClock();
    rig = await startFallbackRig(wire, ['default', 'backup'], {
      fallbacks: { default: ['backup'] },
      circuitBreaker: { failureThreshold: 1, now: clock.now },
    });
    rig.servers['default'].enqueue(overloaded(wire));
    rig.servers['backup'].enqueue(overloaded(wire));
    expect(await rejectionOf(rig.chat.chat('Hi'))).toBeInstanceOf(ServerError);
    const error = await rejectionOf(rig.chat.chat('Hi'));
    expect(error).toBeInstanceOf(CircuitOpenError);
    expect((error as CircuitOpenError).isRetryable).toBe(true);
    expect((error as CircuitOpenError).aliases).toEqual(['default', 'backup']);
    expect(rig.servers['default'].requests).toHaveLength(1);
    expect(rig.servers['backup'].requests).toHaveLength(1);
  });

  it('circuitBreaker.aliases tunes one alias and turns another off', async () => {
    clock = manualClock();
    rig = await startFallbackRig(wire, ['default', 'backup', 'local'], {
      fallbacks: { default: ['backup', 'local'] },
      circuitBreaker: {
        failureThreshold: 5,
        now: clock.now,
        aliases: { default: { failureThreshold: 1 }, backup: false },
      },
    });
    rig.servers['default'].enqueue(overloaded(wire));
    rig.servers['backup'].enqueue(...Array.from({ length: 7 }, () => overloaded(wire)));
    rig.servers['local'].enqueue(...Array.from({ length: 7 }, () => ok));
    for (let i = 0; i < 7; i++) await rig.chat.chat('Hi');
    // default opened after its one failure; backup, without a breaker, was asked every time.
    expect(rig.servers['default'].requests).toHaveLength(1);
    expect(rig.servers['backup'].requests).toHaveLength(7);
  });

  it('failureRate opens the circuit of an alias that fails every other call', async () => {
    clock = manualClock();
    rig = await startFallbackRig(wire, ['default', 'backup'], {
      fallbacks: { default: ['backup'] },
      circuitBreaker: {
        now: clock.now,
        failureRate: { threshold: 0.5, windowMs: 60_000, minimumCalls: 6 },
      },
    });
    // fail, ok, fail, ok, fail, ok, fail: never 5 in a row, but 4 of 7 calls failed.
    for (let i = 0; i < 7; i++) {
      rig.servers['default'].enqueue(i % 2 === 0 ? overloaded(wire) : ok);
      if (i % 2 === 0) rig.servers['backup'].enqueue(ok);
      await rig.chat.chat('Hi');
    }
    rig.servers['backup'].enqueue(ok);
    const answer = await rig.chat.chat('Hi');
    expect(fallbackOf(answer.providerMetadata)[0]?.error).toBe('CircuitOpenError');
    expect(rig.servers['default'].requests).toHaveLength(7);
  });

  it('circuitBreaker: false keeps sending to a failing alias', async () => {
    rig = await startFallbackRig(wire, ['default', 'backup'], {
      fallbacks: { default: ['backup'] },
      circuitBreaker: false,
    });
    rig.servers['default'].enqueue(...Array.from({ length: 6 }, () => overloaded(wire)));
    rig.servers['backup'].enqueue(...Array.from({ length: 6 }, () => ok));
    for (let i = 0; i < 6; i++) await rig.chat.chat('Hi');
    expect(rig.servers['default'].requests).toHaveLength(6);
  });
});
