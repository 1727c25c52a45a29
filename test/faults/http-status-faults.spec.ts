import {
  AuthenticationError,
  ContextLengthExceededError,
  NotFoundError,
  PermissionDeniedError,
  QuotaExceededError,
  RateLimitError,
  ServerError,
  type ConduitError,
} from '../../lib/core';
import type { ReplayScript } from '../support/replay-server';
import { errorBody, resetHeader } from './fault-bodies';
import {
  chatModelFor,
  FAULT_API_KEY,
  FAULT_WIRES,
  rejectionOf,
  runStream,
  startConduit,
  type FaultWire,
} from './fault-harness';
import { useFaultSuite } from './fault-suite';

/** One misbehaving answer and the error it must become. */
interface StatusFault {
  readonly name: string;
  readonly script: (wire: FaultWire) => ReplayScript;
  readonly expected: new (...args: never[]) => ConduitError;
  readonly retryable: boolean;
  readonly check?: (error: ConduitError, wire: FaultWire) => void;
}

const json = (
  status: number,
  body: string,
  headers: Record<string, string> = {},
): ReplayScript => ({
  status,
  body,
  headers: { 'content-type': 'application/json', ...headers },
});

const FAULTS: readonly StatusFault[] = [
  {
    name: '429 with retry-after (seconds)',
    script: (wire) =>
      json(429, errorBody(wire, 'rate_limit_error', 'Slow down'), { 'retry-after': '2' }),
    expected: RateLimitError,
    retryable: true,
    check: (error) => expect((error as RateLimitError).retryAfterMs).toBe(2000),
  },
  {
    name: '429 with retry-after-ms',
    script: (wire) =>
      json(429, errorBody(wire, 'rate_limit_error', 'Slow down'), { 'retry-after-ms': '150' }),
    expected: RateLimitError,
    retryable: true,
    check: (error) => expect((error as RateLimitError).retryAfterMs).toBe(150),
  },
  {
    name: '429 with only the reset headers',
    script: (wire) =>
      json(429, errorBody(wire, 'rate_limit_error', 'Slow down'), resetHeader(wire, 30)),
    expected: RateLimitError,
    retryable: true,
    check: (error) => {
      const wait = (error as RateLimitError).retryAfterMs;
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(30_000);
    },
  },
  {
    name: '401 bad key',
    script: (wire) => json(401, errorBody(wire, 'authentication_error', 'invalid x-api-key')),
    expected: AuthenticationError,
    retryable: false,
  },
  {
    name: '403 forbidden',
    script: (wire) => json(403, errorBody(wire, 'permission_error', 'not allowed')),
    expected: PermissionDeniedError,
    retryable: false,
  },
  {
    name: '404 unknown model',
    script: (wire) => json(404, errorBody(wire, 'not_found_error', 'model: gpt-nope not found')),
    expected: NotFoundError,
    retryable: false,
  },
  {
    name: '400 context length',
    script: (wire) =>
      json(
        400,
        wire === 'openai'
          ? errorBody(
              wire,
              'invalid_request_error',
              "This model's maximum context length is 128000 tokens.",
              'context_length_exceeded',
            )
          : errorBody(
              wire,
              'invalid_request_error',
              'prompt is too long: 250000 tokens > 200000 maximum',
            ),
      ),
    expected: ContextLengthExceededError,
    retryable: false,
  },
  ...[500, 502, 503].map((status): StatusFault => ({
    name: `${status} server error`,
    script: (wire) => json(status, errorBody(wire, 'api_error', 'Internal server error')),
    expected: ServerError,
    retryable: true,
    check: (error) => expect((error as ServerError).status).toBe(status),
  })),
  {
    name: '502 HTML page from a proxy',
    script: () => ({
      status: 502,
      body: '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>',
      headers: { 'content-type': 'text/html' },
    }),
    expected: ServerError,
    retryable: true,
    check: (error) => expect(error.message).toContain('502 Bad Gateway'),
  },
];

const OPENAI_ONLY: readonly StatusFault[] = [
  {
    name: '429 insufficient_quota',
    script: () => ({ status: 429, fixture: 'openai/error-insufficient-quota.json' }),
    expected: QuotaExceededError,
    retryable: false,
  },
];

const ANTHROPIC_ONLY: readonly StatusFault[] = [
  {
    name: '529 overloaded_error',
    script: (wire) => json(529, errorBody(wire, 'overloaded_error', 'Overloaded')),
    expected: ServerError,
    retryable: true,
    check: (error) => expect((error as ServerError).code).toBe('overloaded_error'),
  },
];

describe.each(FAULT_WIRES)('HTTP error answers on the %s wire', (wire) => {
  const suite = useFaultSuite((server) => startConduit(chatModelFor(wire, server.baseUrl)));

  const faults = [...FAULTS, ...(wire === 'openai' ? OPENAI_ONLY : ANTHROPIC_ONLY)];

  const expectTyped = (error: unknown, fault: StatusFault): void => {
    expect(error).toBeInstanceOf(fault.expected);
    const typed = error as ConduitError;
    expect(typed.isRetryable).toBe(fault.retryable);
    expect(typed.message).not.toContain(FAULT_API_KEY);
    fault.check?.(typed, wire);
  };

  it.each(faults.map((f) => [f.name, f] as const))('chat: %s', async (_name, fault) => {
    suite.server.enqueue(fault.script(wire));
    expectTyped(await rejectionOf(suite.conduit.chat.chat('Hi', { maxTokens: 64 })), fault);
    expect(suite.server.requests).toHaveLength(1);
  });

  it.each(faults.map((f) => [f.name, f] as const))('stream: %s', async (_name, fault) => {
    suite.server.enqueue(fault.script(wire));
    const outcome = await runStream(suite.conduit.chat.stream('Hi', { maxTokens: 64 }));
    expect(outcome.events).toEqual([]);
    expectTyped(outcome.error, fault);
  });
});
