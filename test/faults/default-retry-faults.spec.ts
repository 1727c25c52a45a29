import { Test } from '@nestjs/testing';
import { ChatService } from '../../lib/chat/chat.service';
import { ConduitModule } from '../../lib/conduit.module';
import type { ConduitModuleOptions } from '../../lib/conduit-options.interface';
import { QuotaExceededError, RateLimitError, ServerError, type RetrySetting } from '../../lib/core';
import {
  ConduitMetadataKeys,
  type RetryRecord,
} from '../../lib/interceptors/built-in/conduit-metadata.keys';
import { RetryInterceptor } from '../../lib/interceptors/built-in/retry.interceptor';
import { recordedText } from '../support/fixtures';
import { ReplayServer, type ReplayScript } from '../support/replay-server';
import { errorBody } from './fault-bodies';
import {
  chatModelFor,
  embeddingModelFor,
  FAULT_API_KEY,
  FAULT_WIRES,
  okFixture,
  rejectionOf,
  runStream,
  trackUnhandledRejections,
  type FaultWire,
} from './fault-harness';

/** Waits of 0-1 ms where a test sets the retry: it checks what is retried, not how long it waits. */
const QUICK = { initialDelayMs: 1, random: () => 0 } as const;

function unavailable(wire: FaultWire): ReplayScript {
  return {
    status: 503,
    body: errorBody(wire, 'overloaded_error', 'Unavailable'),
    headers: { 'content-type': 'application/json' },
  };
}

/** `ConduitModule.forRoot(options)` compiled as is (no retry setting added). */
async function conduitWith(
  options: ConduitModuleOptions,
): Promise<{ chat: ChatService; close(): Promise<void> }> {
  const module = await Test.createTestingModule({
    imports: [ConduitModule.forRoot(options)],
  }).compile();
  return { chat: module.get(ChatService), close: () => module.close() };
}

/** A model configuration (not an instance) of the wire, pointed at `baseUrl`. */
function configFor(
  wire: FaultWire,
  baseUrl: string,
  retry: RetrySetting,
): ConduitModuleOptions['models'] {
  const common = { apiKey: FAULT_API_KEY, baseUrl, retry };
  return {
    default:
      wire === 'openai'
        ? { provider: 'openai', model: 'gpt-4o', ...common }
        : { provider: 'anthropic', model: 'claude-sonnet-4-5', ...common },
  };
}

describe.each(FAULT_WIRES)('the built-in retry on the %s wire', (wire) => {
  let server: ReplayServer;
  let conduit: { chat: ChatService; close(): Promise<void> } | undefined;
  const rejections = trackUnhandledRejections();
  const answer = recordedText(okFixture(wire, false));

  beforeEach(async () => {
    server = await ReplayServer.start();
  });

  afterEach(async () => {
    await conduit?.close();
    conduit = undefined;
    await server.close();
  });

  afterAll(() => {
    rejections.stop();
    expect(rejections.seen).toEqual([]);
  });

  it('a plain forRoot retries two 503s and answers from the third request', async () => {
    // The defaults as shipped: backoff of up to 0.5 s, then up to 1 s.
    conduit = await conduitWith({ models: { default: chatModelFor(wire, server.baseUrl) } });
    server.enqueue(unavailable(wire), unavailable(wire), { fixture: okFixture(wire, false) });
    const metadata = new Map<string, unknown>();
    expect((await conduit.chat.chat('Hi', { metadata })).text).toBe(answer);
    expect(server.requests).toHaveLength(3);
    expect(metadata.get(ConduitMetadataKeys.retryAttempts)).toBe(3);
  });

  it('gives up after maxRetries + 1 requests with the last ServerError', async () => {
    conduit = await conduitWith({
      models: { default: chatModelFor(wire, server.baseUrl) },
      retry: { maxRetries: 2, ...QUICK },
    });
    server.enqueue(unavailable(wire), unavailable(wire), unavailable(wire), unavailable(wire));
    expect(await rejectionOf(conduit.chat.chat('Hi'))).toBeInstanceOf(ServerError);
    expect(server.requests).toHaveLength(3);
  });

  it('a stream is retried too while nothing reached the caller', async () => {
    conduit = await conduitWith({
      models: { default: chatModelFor(wire, server.baseUrl) },
      retry: QUICK,
    });
    server.enqueue(unavailable(wire), unavailable(wire), { fixture: okFixture(wire, true) });
    const outcome = await runStream(conduit.chat.stream('Hi'));
    expect(outcome.error).toBeUndefined();
    expect(outcome.text).toBe(recordedText(okFixture(wire, true)));
    expect(server.requests).toHaveLength(3);
  });

  it('retries a 429 after the wait its retry-after-ms asked for', async () => {
    conduit = await conduitWith({ models: { default: chatModelFor(wire, server.baseUrl) } });
    server.enqueue(
      {
        status: 429,
        body: errorBody(wire, 'rate_limit_error', 'Slow down'),
        headers: { 'content-type': 'application/json', 'retry-after-ms': '3' },
      },
      { fixture: okFixture(wire, false) },
    );
    const metadata = new Map<string, unknown>();
    expect((await conduit.chat.chat('Hi', { metadata })).text).toBe(answer);
    expect(server.requests).toHaveLength(2);
    const [record] = metadata.get(ConduitMetadataKeys.retryErrors) as RetryRecord[];
    expect(record).toMatchObject({ attempt: 1, error: 'RateLimitError', delayMs: 3 });
  });

  it('fails at once when retry-after asks for longer than maxRetryAfterMs', async () => {
    conduit = await conduitWith({ models: { default: chatModelFor(wire, server.baseUrl) } });
    server.enqueue({
      status: 429,
      body: errorBody(wire, 'rate_limit_error', 'Slow down'),
      headers: { 'content-type': 'application/json', 'retry-after': '120' },
    });
    const error = await rejectionOf(conduit.chat.chat('Hi'));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(120_000);
    expect(server.requests).toHaveLength(1);
  });

  it('obeys x-should-retry: false on a 503', async () => {
    conduit = await conduitWith({ models: { default: chatModelFor(wire, server.baseUrl) } });
    server.enqueue({
      ...unavailable(wire),
      headers: { 'content-type': 'application/json', 'x-should-retry': 'false' },
    });
    expect(await rejectionOf(conduit.chat.chat('Hi'))).toBeInstanceOf(ServerError);
    expect(server.requests).toHaveLength(1);
  });

  it('retry: false fails at once with one request', async () => {
    conduit = await conduitWith({
      models: { default: chatModelFor(wire, server.baseUrl) },
      retry: false,
    });
    server.enqueue(unavailable(wire), { fixture: okFixture(wire, false) });
    expect(await rejectionOf(conduit.chat.chat('Hi'))).toBeInstanceOf(ServerError);
    expect(server.requests).toHaveLength(1);
  });

  it("models.<alias>.retry replaces the module's retry for that model", async () => {
    conduit = await conduitWith({
      models: configFor(wire, server.baseUrl, false),
      retry: { maxRetries: 5, ...QUICK },
    });
    server.enqueue(unavailable(wire), { fixture: okFixture(wire, false) });
    expect(await rejectionOf(conduit.chat.chat('Hi'))).toBeInstanceOf(ServerError);
    expect(server.requests).toHaveLength(1);
  });

  it('modelRetry sets the retry of a ready-made model instance', async () => {
    conduit = await conduitWith({
      models: { default: chatModelFor(wire, server.baseUrl) },
      retry: false,
      modelRetry: { default: { maxRetries: 1, ...QUICK } },
    });
    server.enqueue(unavailable(wire), unavailable(wire), { fixture: okFixture(wire, false) });
    expect(await rejectionOf(conduit.chat.chat('Hi'))).toBeInstanceOf(ServerError);
    expect(server.requests).toHaveLength(2);
  });

  it("a call's retry replaces the model's and the module's", async () => {
    conduit = await conduitWith({
      models: configFor(wire, server.baseUrl, false),
      retry: false,
    });
    server.enqueue(unavailable(wire), { fixture: okFixture(wire, false) });
    expect((await conduit.chat.chat('Hi', { retry: { maxRetries: 1, ...QUICK } })).text).toBe(
      answer,
    );
    expect(server.requests).toHaveLength(2);
    server.enqueue(unavailable(wire), { fixture: okFixture(wire, false) });
    expect(await rejectionOf(conduit.chat.chat('Hi', { retry: false }))).toBeInstanceOf(
      ServerError,
    );
    expect(server.requests).toHaveLength(3);
  });

  it('a global RetryInterceptor replaces the built-in retry: maxAttempts requests, not more', async () => {
    const own = new RetryInterceptor({ maxAttempts: 3, initialDelayMs: 1, random: () => 0 });
    conduit = await conduitWith({
      models: { default: chatModelFor(wire, server.baseUrl) },
      interceptors: [own],
      retry: { maxRetries: 2, ...QUICK },
    });
    for (let i = 0; i < 9; i++) server.enqueue(unavailable(wire));
    expect(await rejectionOf(conduit.chat.chat('Hi'))).toBeInstanceOf(ServerError);
    expect(server.requests).toHaveLength(3);
  });

  it('a RetryInterceptor of the model or of the call replaces it too', async () => {
    conduit = await conduitWith({
      models: { default: chatModelFor(wire, server.baseUrl) },
      modelInterceptors: { default: [RetryInterceptor] },
      retry: { maxRetries: 4, ...QUICK },
    });
    for (let i = 0; i < 12; i++) server.enqueue(unavailable(wire));
    const perCall = new RetryInterceptor({ maxAttempts: 2, initialDelayMs: 1, random: () => 0 });
    // The model's RetryInterceptor (class, defaults: 3 tries), and the call's one inside it: the
    // built-in retry stays out, so 3 x 2 requests at most, never 3 x 2 x 5.
    await rejectionOf(conduit.chat.chat('Hi', { interceptors: [perCall], retry: QUICK }));
    expect(server.requests).toHaveLength(6);
  }, 15_000);

  it('chatWithContext sees every request the built-in retry sent', async () => {
    conduit = await conduitWith({
      models: { default: chatModelFor(wire, server.baseUrl) },
      retry: QUICK,
    });
    server.enqueue(unavailable(wire), { fixture: okFixture(wire, false) });
    const { response, context } = await conduit.chat.chatWithContext('Hi');
    expect(response.text).toBe(answer);
    expect(context.requests).toHaveLength(2);
    expect(context.handledErrors).toHaveLength(1);
  });
});

describe('the built-in retry of embed and of quota errors (openai wire)', () => {
  let server: ReplayServer;
  let conduit: { chat: ChatService; close(): Promise<void> } | undefined;

  beforeEach(async () => {
    server = await ReplayServer.start();
  });

  afterEach(async () => {
    await conduit?.close();
    conduit = undefined;
    await server.close();
  });

  it('embed retries by default, and EmbedOptions.retry: false turns it off', async () => {
    conduit = await conduitWith({
      models: { default: chatModelFor('openai', server.baseUrl) },
      embeddingModels: { default: embeddingModelFor(server.baseUrl) },
      retry: QUICK,
    });
    server.enqueue(unavailable('openai'), { fixture: 'openai/embeddings.json' });
    expect((await conduit.chat.embed(['a', 'b'])).embeddings.length).toBeGreaterThan(0);
    expect(server.requests).toHaveLength(2);
    server.enqueue(unavailable('openai'), { fixture: 'openai/embeddings.json' });
    expect(await rejectionOf(conduit.chat.embed(['a', 'b'], { retry: false }))).toBeInstanceOf(
      ServerError,
    );
    expect(server.requests).toHaveLength(3);
  });

  it('never retries a quota error', async () => {
    conduit = await conduitWith({
      models: { default: chatModelFor('openai', server.baseUrl) },
      retry: QUICK,
    });
    server.enqueue({
      status: 429,
      body: errorBody('openai', 'insufficient_quota', 'You exceeded your current quota'),
      headers: { 'content-type': 'application/json' },
    });
    expect(await rejectionOf(conduit.chat.chat('Hi'))).toBeInstanceOf(QuotaExceededError);
    expect(server.requests).toHaveLength(1);
  });
});
