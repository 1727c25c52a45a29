import type { LoggerService } from '@nestjs/common';
import { inspect } from 'node:util';
import { defer, type Observable } from 'rxjs';
import type { CallOutput, ConduitCallContext } from '../../lib/core/call-context.types';
import type { CallHandler, ConduitInterceptor } from '../../lib/core/conduit-interceptor.interface';
import { ConduitError, ConnectionError } from '../../lib/core';
import { LoggingInterceptor } from '../../lib/interceptors/built-in/logging.interceptor';
import { ReplayServer } from '../support/replay-server';
import {
  chatModelFor,
  FAULT_API_KEY,
  FAULT_WIRES,
  okFixture,
  rejectionOf,
  runStream,
  startConduit,
  type FaultWire,
} from '../faults/fault-harness';

/** Every way an error can be looked at: message, stack, JSON (toJSON or own fields), inspect. */
function renderings(error: unknown): string[] {
  const typed = error as ConduitError & { toJSON?: () => unknown };
  return [
    String(error),
    typed.stack ?? '',
    JSON.stringify(error),
    JSON.stringify(typed.toJSON?.() ?? null),
    inspect(error, { depth: null, showHidden: true }),
  ];
}

function expectNoKey(texts: readonly string[]): void {
  for (const text of texts) {
    expect(text).not.toContain(FAULT_API_KEY);
    // Nor a telling piece of it.
    expect(text).not.toContain(FAULT_API_KEY.slice(3, 18));
  }
}

/** A 401 whose body and message echo the key and the auth headers back, as some proxies do. */
function echoingError(wire: FaultWire): {
  status: number;
  body: string;
  headers: Record<string, string>;
} {
  const message = `Incorrect API key provided: ${FAULT_API_KEY}. Request had Authorization: Bearer ${FAULT_API_KEY} and x-api-key: ${FAULT_API_KEY}`;
  const body =
    wire === 'openai'
      ? {
          error: {
            message,
            type: 'invalid_request_error',
            code: 'invalid_api_key',
            key: FAULT_API_KEY,
          },
        }
      : {
          type: 'error',
          error: { type: 'authentication_error', message },
          echoed: { 'x-api-key': FAULT_API_KEY },
        };
  return {
    status: 401,
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  };
}

/** A logger that keeps every line as text. */
function capturingLogger(lines: string[]): LoggerService {
  const keep = (...parts: unknown[]): void => {
    lines.push(
      parts.map((p) => (typeof p === 'string' ? p : inspect(p, { depth: null }))).join(' '),
    );
  };
  return { log: keep, error: keep, warn: keep, debug: keep, verbose: keep };
}

/** Records what an interceptor (a debugging aid, a tracer) can see of the call. */
class ContextSpy implements ConduitInterceptor {
  readonly seen: string[] = [];

  intercept(context: ConduitCallContext, next: CallHandler): Observable<CallOutput> {
    return defer(() => {
      this.seen.push(inspect(context, { depth: null, showHidden: true }));
      return next.handle();
    });
  }
}

describe.each(FAULT_WIRES)('API keys never leak on the %s wire', (wire) => {
  let server: ReplayServer;

  beforeEach(async () => {
    server = await ReplayServer.start();
  });

  afterEach(async () => {
    await server.close();
  });

  it('an error that echoes the key: not in message, stack, JSON, toJSON() or inspect()', async () => {
    const conduit = await startConduit(chatModelFor(wire, server.baseUrl));
    server.enqueue(echoingError(wire), echoingError(wire));
    const chatError = await rejectionOf(conduit.chat.chat('Hi'));
    expect(chatError).toBeInstanceOf(ConduitError);
    expectNoKey(renderings(chatError));
    const { error: streamError } = await runStream(conduit.chat.stream('Hi'));
    expect(streamError).toBeInstanceOf(ConduitError);
    expectNoKey(renderings(streamError));
    await conduit.close();
  });

  it('a transport failure (connection refused) carries no key', async () => {
    const conduit = await startConduit(chatModelFor(wire, await ReplayServer.refusedUrl()));
    const error = await rejectionOf(conduit.chat.chat('Hi'));
    // A key-free error of some other kind would not prove anything about transport failures.
    expect(error).toBeInstanceOf(ConnectionError);
    expectNoKey(renderings(error));
    await conduit.close();
  });

  it('the logging interceptor (debug, with messages) logs no key or auth header', async () => {
    const lines: string[] = [];
    const logging = new LoggingInterceptor({
      logger: capturingLogger(lines),
      level: 'debug',
      logMessages: true,
    });
    const conduit = await startConduit(chatModelFor(wire, server.baseUrl), {
      interceptors: [logging],
    });
    server.enqueue(echoingError(wire), { fixture: okFixture(wire, false) });
    const headers =
      wire === 'openai'
        ? { authorization: `Bearer ${FAULT_API_KEY}` }
        : { 'x-api-key': FAULT_API_KEY };
    await rejectionOf(conduit.chat.chat('Hi', { headers }));
    await conduit.chat.chat(`my key is ${FAULT_API_KEY}`, { headers });
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expectNoKey(lines);
    await conduit.close();
  });

  it('the call context interceptors see holds no credential of the model', async () => {
    const spy = new ContextSpy();
    const conduit = await startConduit(chatModelFor(wire, server.baseUrl), { interceptors: [spy] });
    server.enqueue({ fixture: okFixture(wire, false) }, { fixture: okFixture(wire, true) });
    await conduit.chat.chat('Hi');
    await runStream(conduit.chat.stream('Hi'));
    expect(spy.seen).toHaveLength(2);
    expectNoKey(spy.seen);
    // The key did go out, in the header the provider expects.
    const sent = server.requests[0].headers;
    expect(wire === 'openai' ? sent.authorization : sent['x-api-key']).toContain(FAULT_API_KEY);
    await conduit.close();
  });
});
