import {
  AuthenticationError,
  ConduitValidationError,
  ContextLengthExceededError,
  ServerError,
  TimeoutError,
} from '../../lib/core';
import { readFixture, recordedText } from '../support/fixtures';
import { afterFirstTextEvent, errorBody } from '../faults/fault-bodies';
import {
  FAULT_WIRES,
  okFixture,
  rejectionOf,
  runStream,
  type FaultWire,
} from '../faults/fault-harness';
import { fallbackOf, overloaded, startFallbackRig, type FallbackRig } from './fallback-harness';

function contextTooLong(wire: FaultWire): {
  status: number;
  body: string;
  headers: Record<string, string>;
} {
  return {
    status: 400,
    body:
      wire === 'openai'
        ? errorBody(
            wire,
            'invalid_request_error',
            "This model's maximum context length is 8192 tokens.",
            'context_length_exceeded',
          )
        : errorBody(
            wire,
            'invalid_request_error',
            'prompt is too long: 210000 tokens > 200000 maximum',
          ),
    headers: { 'content-type': 'application/json' },
  };
}

describe.each(FAULT_WIRES)('fallback chains on the %s wire', (wire) => {
  let rig: FallbackRig;
  const text = recordedText(okFixture(wire, false));

  afterEach(async () => {
    await rig.close();
  });

  describe('default -> backup', () => {
    beforeEach(async () => {
      rig = await startFallbackRig(wire, ['default', 'backup'], {
        fallbacks: { default: ['backup'] },
        circuitBreaker: false,
      });
    });

    it('a 503 on default is answered by backup, and the answer lists the failed try', async () => {
      rig.servers['default'].enqueue(overloaded(wire));
      rig.servers['backup'].enqueue({ fixture: okFixture(wire, false) });
      const answer = await rig.chat.chat('Hi');
      expect(answer.text).toBe(text);
      expect(rig.servers['default'].requests).toHaveLength(1);
      expect(rig.servers['backup'].requests).toHaveLength(1);
      const attempts = fallbackOf(answer.providerMetadata);
      expect(attempts.map((a) => [a.alias, a.error])).toEqual([
        ['default', 'ServerError'],
        ['backup', undefined],
      ]);
      expect(attempts.every((a) => typeof a.durationMs === 'number' && a.durationMs >= 0)).toBe(
        true,
      );
    });

    it('an HTML 502 page from a proxy falls back', async () => {
      rig.servers['default'].enqueue({
        status: 502,
        body: '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>',
        headers: { 'content-type': 'text/html' },
      });
      rig.servers['backup'].enqueue({ fixture: okFixture(wire, false) });
      const answer = await rig.chat.chat('Hi');
      expect(answer.text).toBe(text);
      expect(fallbackOf(answer.providerMetadata)[0]).toMatchObject({
        alias: 'default',
        error: 'ServerError',
      });
    });

    it('a stalled answer times out (TimeoutError) and falls back', async () => {
      rig.servers['default'].enqueue({ fixture: okFixture(wire, false), neverEnd: true });
      rig.servers['backup'].enqueue({ fixture: okFixture(wire, false) });
      const answer = await rig.chat.chat('Hi', { timeoutMs: 300 });
      expect(answer.text).toBe(text);
      expect(fallbackOf(answer.providerMetadata)[0]).toMatchObject({
        alias: 'default',
        error: TimeoutError.name,
      });
    });

    it('an AuthenticationError does not fall back', async () => {
      rig.servers['default'].enqueue({
        status: 401,
        body: errorBody(wire, 'authentication_error', 'invalid x-api-key'),
        headers: { 'content-type': 'application/json' },
      });
      const error = await rejectionOf(rig.chat.chat('Hi'));
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(rig.servers['backup'].requests).toHaveLength(0);
    });

    it('the last error surfaces when every alias fails', async () => {
      rig.servers['default'].enqueue(overloaded(wire));
      rig.servers['backup'].enqueue(overloaded(wire));
      const error = await rejectionOf(rig.chat.chat('Hi'));
      expect(error).toBeInstanceOf(ServerError);
      expect(rig.servers['backup'].requests).toHaveLength(1);
    });

    it("a call's fallbacks: [] turns the chain off", async () => {
      rig.servers['default'].enqueue(overloaded(wire));
      const error = await rejectionOf(rig.chat.chat('Hi', { fallbacks: [] }));
      expect(error).toBeInstanceOf(ServerError);
      expect(rig.servers['backup'].requests).toHaveLength(0);
    });

    it("a call's own fallbacks apply to an alias the module gives none", async () => {
      rig.servers['backup'].enqueue(overloaded(wire));
      rig.servers['default'].enqueue({ fixture: okFixture(wire, false) });
      const answer = await rig.chat.chat('Hi', { model: 'backup', fallbacks: ['default'] });
      expect(answer.text).toBe(text);
      expect(fallbackOf(answer.providerMetadata).map((a) => a.alias)).toEqual([
        'backup',
        'default',
      ]);
    });

    it("a call's own fallbacks naming an unknown or repeated alias are refused before any request", async () => {
      const chatError = await rejectionOf(
        rig.chat.chat('Hi', { fallbacks: ['backup', 'nope', 'backup'] }),
      );
      expect(chatError).toBeInstanceOf(ConduitValidationError);
      expect((chatError as Error).message).toContain(
        'fallbacks[1]: no model "nope" is configured; known: default, backup',
      );
      expect((chatError as Error).message).toContain(
        'fallbacks[2]: "backup" is already in the chain',
      );
      const streamed = await runStream(rig.chat.stream('Hi', { fallbacks: ['default'] }));
      expect(streamed.error).toBeInstanceOf(ConduitValidationError);
      const notAList = await rejectionOf(
        rig.chat.chat('Hi', { fallbacks: 'backup' as unknown as string[] }),
      );
      expect((notAList as Error).message).toContain('fallbacks: must be an array of model aliases');
      expect(rig.servers['default'].requests).toHaveLength(0);
      expect(rig.servers['backup'].requests).toHaveLength(0);
    });

    it("chatWithContext's context lists every fallback decision and every request", async () => {
      rig.servers['default'].enqueue(overloaded(wire));
      rig.servers['backup'].enqueue({ fixture: okFixture(wire, false) });
      const { response, context } = await rig.chat.chatWithContext('Hi');
      expect(response.text).toBe(text);
      expect(context.fallback.map((a) => [a.alias, a.error])).toEqual([
        ['default', 'ServerError'],
        ['backup', undefined],
      ]);
      expect(context.requests).toHaveLength(2);
    });

    it('a stream that fails before its first delta falls back; the failed start is dropped', async () => {
      const sse = readFixture(okFixture(wire, true));
      // The first event (the answer's start) goes out, then the connection is reset.
      rig.servers['default'].enqueue({
        fixture: okFixture(wire, true),
        destroyAfterBytes: Buffer.byteLength(sse.slice(0, sse.indexOf('\n\n') + 2)),
      });
      rig.servers['backup'].enqueue({ fixture: okFixture(wire, true) });
      const outcome = await runStream(rig.chat.stream('Hi'));
      expect(outcome.error).toBeUndefined();
      expect(outcome.text).toBe(recordedText(okFixture(wire, true)));
      expect(outcome.events.filter((e) => e.type === 'start')).toHaveLength(1);
      const finish = outcome.events.find((e) => e.type === 'finish');
      expect(fallbackOf(finish?.type === 'finish' ? finish.providerMetadata : {})[1]).toMatchObject(
        {
          alias: 'backup',
        },
      );
    });

    it('a stream answered with a 503 falls back', async () => {
      rig.servers['default'].enqueue(overloaded(wire));
      rig.servers['backup'].enqueue({ fixture: okFixture(wire, true) });
      const outcome = await runStream(rig.chat.stream('Hi'));
      expect(outcome.error).toBeUndefined();
      expect(outcome.text).toBe(recordedText(okFixture(wire, true)));
    });

    it('a stream that fails after its first delta surfaces the error (no fallback)', async () => {
      const sse = readFixture(okFixture(wire, true));
      rig.servers['default'].enqueue({
        fixture: okFixture(wire, true),
        destroyAfterBytes: afterFirstTextEvent(wire, sse),
      });
      const outcome = await runStream(rig.chat.stream('Hi'));
      expect(outcome.error).toBeDefined();
      expect(outcome.text.length).toBeGreaterThan(0);
      expect(rig.servers['backup'].requests).toHaveLength(0);
    });
  });

  describe('context length', () => {
    it('falls back to the larger model when ContextLengthExceededError is in fallbackOn', async () => {
      rig = await startFallbackRig(wire, ['default', 'large'], {
        fallbacks: { default: ['large'] },
        fallbackOn: [ContextLengthExceededError],
      });
      rig.servers['default'].enqueue(contextTooLong(wire));
      rig.servers['large'].enqueue({ fixture: okFixture(wire, false) });
      const answer = await rig.chat.chat('Hi');
      expect(answer.text).toBe(text);
      expect(fallbackOf(answer.providerMetadata)[0]).toMatchObject({
        alias: 'default',
        error: 'ContextLengthExceededError',
      });
    });

    it('does not fall back on ContextLengthExceededError unless listed', async () => {
      rig = await startFallbackRig(wire, ['default', 'large'], {
        fallbacks: { default: ['large'] },
      });
      rig.servers['default'].enqueue(contextTooLong(wire));
      const error = await rejectionOf(rig.chat.chat('Hi'));
      expect(error).toBeInstanceOf(ContextLengthExceededError);
      expect(rig.servers['large'].requests).toHaveLength(0);
    });
  });
});
