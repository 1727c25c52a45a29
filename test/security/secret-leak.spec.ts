import { ConsoleLogger, Logger, type LoggerService } from '@nestjs/common';
import { inspect } from 'node:util';
import { defer, type Observable } from 'rxjs';
import type { CallOutput, ConduitCallContext } from '../../lib/core/call-context.types';
import type { ChatModel } from '../../lib/core/chat-model.interface';
import type { CallHandler, ConduitInterceptor } from '../../lib/core/conduit-interceptor.interface';
import { ConduitError, ConnectionError, ProviderError } from '../../lib/core';
import { LoggingInterceptor } from '../../lib/interceptors/built-in/logging.interceptor';
import { AnthropicChatModel } from '../../lib/providers/anthropic/anthropic-chat-model';
import { GroqChatModel } from '../../lib/providers/groq/groq-chat-model';
import { OpenAIChatModel } from '../../lib/providers/openai/openai-chat-model';
import { OpenAICompatibleChatModel } from '../../lib/providers/openai-compatible/openai-compatible-chat-model';
import { OpenAIResponsesChatModel } from '../../lib/providers/openai-responses/openai-responses-chat-model';
import { XaiChatModel } from '../../lib/providers/xai/xai-chat-model';
import { ReplayServer, useReplayServer, type ReplayScript } from '../support/replay-server';
import {
  chatModelFor,
  embeddingModelFor,
  FAULT_API_KEY,
  FAULT_WIRES,
  okFixture,
  rejectionOf,
  runStream,
  startConduit,
  type FaultConduit,
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
  const replay = useReplayServer();

  it('an error that echoes the key: not in message, stack, JSON, toJSON() or inspect()', async () => {
    const conduit = await startConduit(chatModelFor(wire, replay.server.baseUrl));
    replay.server.enqueue(echoingError(wire), echoingError(wire));
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
    const conduit = await startConduit(chatModelFor(wire, replay.server.baseUrl), {
      interceptors: [logging],
    });
    replay.server.enqueue(echoingError(wire), { fixture: okFixture(wire, false) });
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

  it('the logging interceptor masks a key glued to the text before it (no word boundary)', async () => {
    const lines: string[] = [];
    const logging = new LoggingInterceptor({
      logger: capturingLogger(lines),
      level: 'debug',
      logMessages: true,
    });
    const conduit = await startConduit(chatModelFor(wire, replay.server.baseUrl), {
      interceptors: [logging],
    });
    replay.server.enqueue({ fixture: okFixture(wire, false) });
    await conduit.chat.chat(`debug token_${FAULT_API_KEY} and abc${FAULT_API_KEY}`);
    expect(lines.join('\n')).toContain('[REDACTED]');
    expectNoKey(lines);
    await conduit.close();
  });

  it('the call context interceptors see holds no credential of the model', async () => {
    const spy = new ContextSpy();
    const conduit = await startConduit(chatModelFor(wire, replay.server.baseUrl), {
      interceptors: [spy],
    });
    replay.server.enqueue({ fixture: okFixture(wire, false) }, { fixture: okFixture(wire, true) });
    await conduit.chat.chat('Hi');
    await runStream(conduit.chat.stream('Hi'));
    expect(spy.seen).toHaveLength(2);
    expectNoKey(spy.seen);
    // The key did go out, in the header the provider expects.
    const sent = replay.server.requests[0].headers;
    expect(wire === 'openai' ? sent.authorization : sent['x-api-key']).toContain(FAULT_API_KEY);
    await conduit.close();
  });
});

/** One provider as the leak tests drive it: its key, its model, and its auth header. */
interface LeakProvider {
  readonly name: string;
  /** Random-looking, so no 8-character piece of it can turn up in an error by chance. */
  readonly key: string;
  readonly model: (baseUrl: string) => ChatModel;
  /**
   * A stream payload of the wrong shape that fails the stream with an error keeping it (the
   * Responses wire skips payloads that are not objects, so it gets an `error` event instead).
   */
  readonly wrongChunk: (echo: Readonly<Record<string, unknown>>) => unknown;
}

const NOT_AN_OBJECT = (echo: Readonly<Record<string, unknown>>): unknown => ['echo', echo];

/**
 * Every provider, each with a key of its own shape; the openai-compatible one has no known prefix
 * at all, so only the exact match on the configured value can redact it.
 */
const LEAK_PROVIDERS: readonly LeakProvider[] = [
  {
    name: 'openai',
    key: 'sk-proj-Q7xT2mVb9LkW4nRz8HcYpA3e',
    model: (baseUrl) =>
      new OpenAIChatModel({ model: 'gpt-4o', apiKey: 'sk-proj-Q7xT2mVb9LkW4nRz8HcYpA3e', baseUrl }),
    wrongChunk: NOT_AN_OBJECT,
  },
  {
    name: 'openai-responses',
    key: 'sk-proj-J5wE8rUt1YoP6aSd3FgH0kLz',
    model: (baseUrl) =>
      new OpenAIResponsesChatModel({
        model: 'gpt-4o',
        apiKey: 'sk-proj-J5wE8rUt1YoP6aSd3FgH0kLz',
        baseUrl,
      }),
    wrongChunk: (echo) => ({ type: 'error', echo }),
  },
  {
    name: 'anthropic',
    key: 'sk-ant-api03-Zx4Cv7Bn2Mq9Wr5Ty8Ui1Op',
    model: (baseUrl) =>
      new AnthropicChatModel({
        model: 'claude-sonnet-4-5',
        apiKey: 'sk-ant-api03-Zx4Cv7Bn2Mq9Wr5Ty8Ui1Op',
        baseUrl,
      }),
    wrongChunk: NOT_AN_OBJECT,
  },
  {
    name: 'groq',
    key: 'gsk_Hb6Nj3Mk8Lq1Wz5Xc2Vr7Ta0Ys',
    model: (baseUrl) =>
      new GroqChatModel({
        model: 'openai/gpt-oss-120b',
        apiKey: 'gsk_Hb6Nj3Mk8Lq1Wz5Xc2Vr7Ta0Ys',
        baseUrl,
      }),
    wrongChunk: NOT_AN_OBJECT,
  },
  {
    name: 'xai',
    key: 'xai-Pd9Fg4Hk2Jl7Qw3Er6Ty1Ui5Oz',
    model: (baseUrl) =>
      new XaiChatModel({ model: 'grok-4', apiKey: 'xai-Pd9Fg4Hk2Jl7Qw3Er6Ty1Ui5Oz', baseUrl }),
    wrongChunk: NOT_AN_OBJECT,
  },
  {
    name: 'openai-compatible',
    key: 'Tk8Rb3Nw6Yq1Zc4Xm9Lp2Hs7Gv5Jd',
    model: (baseUrl) =>
      new OpenAICompatibleChatModel({
        providerName: 'vllm',
        model: 'llama3.2',
        apiKey: 'Tk8Rb3Nw6Yq1Zc4Xm9Lp2Hs7Gv5Jd',
        baseUrl,
      }),
    wrongChunk: NOT_AN_OBJECT,
  },
];

/** Every 8-character piece of `key`: a cut excerpt or a half-redacted echo shows one of them. */
function fragmentsOf(key: string): string[] {
  return Array.from({ length: key.length - 7 }, (_, at) => key.slice(at, at + 8));
}

/**
 * What Nest's `Logger.error(error)` writes, through a custom LoggerService: each argument
 * inspected, plus what Nest's own ConsoleLogger prints for it (its stderr/stdout writes captured).
 */
function nestLoggerLines(error: unknown): string[] {
  const lines: string[] = [];
  const printer = new ConsoleLogger('Leak', { colors: false });
  const capture = (chunk: unknown): boolean => {
    lines.push(String(chunk));
    return true;
  };
  const keep = (...parts: unknown[]): void => {
    lines.push(
      parts.map((p) => (typeof p === 'string' ? p : inspect(p, { depth: null }))).join(' '),
    );
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(capture);
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(capture);
    try {
      printer.error(parts[0], ...parts.slice(1));
    } finally {
      stderr.mockRestore();
      stdout.mockRestore();
    }
  };
  const logger: LoggerService = { log: keep, error: keep, warn: keep, debug: keep, verbose: keep };
  Logger.overrideLogger(logger);
  try {
    new Logger('Leak').error(error);
  } finally {
    Logger.overrideLogger(false);
  }
  return lines;
}

/** The error as the brief lists its renderings: message, JSON, inspect, stack, Nest's logger. */
function everyRendering(error: unknown): string[] {
  const typed = error as Error;
  return [
    typed.message,
    JSON.stringify(error),
    inspect(error, { depth: null }),
    inspect(error, { depth: null, showHidden: true }),
    String(typed.stack),
    ...nestLoggerLines(error),
  ];
}

function expectNoKeyOrPiece(error: unknown, key: string): void {
  expect(error).toBeInstanceOf(ConduitError);
  const texts = everyRendering(error);
  // Something was rendered (a broken renderer would pass vacuously).
  expect(texts.join('').length).toBeGreaterThan(100);
  for (const text of texts) {
    for (const piece of fragmentsOf(key)) expect(text).not.toContain(piece);
  }
}

/** The request headers as a debugging gateway echoes them, plus the key glued to other text. */
function echoOf(key: string): Record<string, unknown> {
  return {
    headers: { Authorization: `Bearer ${key}`, 'x-api-key': key },
    raw: `Authorization: Bearer ${key}\r\nx-api-key: ${key}`,
    trace: `token_${key};k=abc${key}`,
  };
}

function json(status: number, body: unknown): ReplayScript {
  return { status, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
}

function sse(...lines: string[]): ReplayScript {
  return {
    status: 200,
    body: lines.map((line) => `data: ${line}\n\n`).join(''),
    headers: { 'content-type': 'text/event-stream' },
  };
}

/** An error body of the provider's own shape whose message and echo carry the key. */
function echoingErrorBody(provider: LeakProvider, status: number): unknown {
  const message = `Request ${status} refused. Echo: Authorization: Bearer ${provider.key}, key=${provider.key}`;
  return provider.name === 'anthropic'
    ? { type: 'error', error: { type: 'api_error', message }, echo: echoOf(provider.key) }
    : {
        // `param` is kept on the error as its own field: an echo there must not slip through.
        error: { message, type: 'server_error', code: 'echo', param: `x-api-key: ${provider.key}` },
        echo: echoOf(provider.key),
      };
}

describe.each(LEAK_PROVIDERS)('API keys never leak from $name errors', (provider) => {
  let server: ReplayServer;
  let conduit: FaultConduit;

  beforeEach(async () => {
    server = await ReplayServer.start();
    conduit = await startConduit(provider.model(server.baseUrl));
  });

  afterEach(async () => {
    await conduit.close();
    await server.close();
  });

  /** The error of a non-streamed call answered by `script`. */
  async function chatError(script: ReplayScript): Promise<unknown> {
    server.respondWith(() => script);
    return rejectionOf(conduit.chat.chat('Hi'));
  }

  /** The error of a streamed call answered by `script`. */
  async function streamError(script: ReplayScript): Promise<unknown> {
    server.respondWith(() => script);
    const { error } = await runStream(conduit.chat.stream('Hi'));
    return error;
  }

  it('a 2xx body of the wrong shape echoing the Authorization / x-api-key headers', async () => {
    const error = await chatError(json(200, { object: 'echo', ...echoOf(provider.key) }));
    expect(error).toBeInstanceOf(ProviderError);
    expectNoKeyOrPiece(error, provider.key);
    // The body is kept for debugging, redacted, not dropped.
    expect(JSON.stringify((error as ProviderError).body)).toContain('[REDACTED]');
  });

  it('a stream chunk of the wrong shape echoing the key', async () => {
    const error = await streamError(sse(JSON.stringify(provider.wrongChunk(echoOf(provider.key)))));
    expectNoKeyOrPiece(error, provider.key);
  });

  it('an error body whose key straddles the 300-character excerpt cut', async () => {
    // Glued to the filler (no word boundary) and cut after 12 of its characters.
    const text = `<html>${'x'.repeat(300 - 6 - 12)}${provider.key} upstream failed</html>`;
    const error = await chatError({
      status: 502,
      body: text,
      headers: { 'content-type': 'text/html' },
    });
    expect((error as Error).message).toMatch(/\.\.\.$/);
    expectNoKeyOrPiece(error, provider.key);
  });

  it('a non-JSON SSE line whose key straddles the 200-character excerpt cut', async () => {
    const error = await streamError(sse(`${'y'.repeat(200 - 12)}${provider.key} trailing`));
    expect((error as Error).message).toContain('not JSON');
    expectNoKeyOrPiece(error, provider.key);
  });

  it.each([400, 403, 404, 422, 429, 500, 503])(
    'a %i error echoing the key in its message and body',
    async (status) => {
      const error = await chatError(json(status, echoingErrorBody(provider, status)));
      expect(error).toMatchObject({ status });
      expectNoKeyOrPiece(error, provider.key);
      const streamed = await streamError(json(status, echoingErrorBody(provider, status)));
      expectNoKeyOrPiece(streamed, provider.key);
    },
  );
});

describe('API keys never leak from embedding errors', () => {
  let server: ReplayServer;
  let conduit: FaultConduit;

  beforeEach(async () => {
    server = await ReplayServer.start();
    conduit = await startConduit(chatModelFor('openai', server.baseUrl), {
      embed: embeddingModelFor(server.baseUrl),
    });
  });

  afterEach(async () => {
    await conduit.close();
    await server.close();
  });

  it.each([
    ['a 2xx body of the wrong shape echoing the headers', json(200, echoOf(FAULT_API_KEY))],
    [
      'a 2xx body that is not JSON, its key straddling the 200-character cut',
      { status: 200, body: `${'z'.repeat(188)}${FAULT_API_KEY} tail` },
    ],
    [
      'an embedding that is neither base64 nor numbers, echoing the key',
      json(200, { data: [{ index: 0, embedding: echoOf(FAULT_API_KEY) }] }),
    ],
    ['a 500 echoing the key', json(500, { error: { message: `x-api-key: ${FAULT_API_KEY}` } })],
  ])('%s', async (_case, script) => {
    server.respondWith(() => script);
    const error = await rejectionOf(conduit.chat.embed(['a']));
    expectNoKeyOrPiece(error, FAULT_API_KEY);
  });
});
