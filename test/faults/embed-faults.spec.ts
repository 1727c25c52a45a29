import {
  AuthenticationError,
  ConnectionError,
  InvalidResponseError,
  QuotaExceededError,
  RateLimitError,
  ServerError,
  TimeoutError,
} from '../../lib/core';
import { RetryInterceptor } from '../../lib/interceptors/built-in/retry.interceptor';
import { readFixture } from '../support/fixtures';
import { ReplayServer } from '../support/replay-server';
import { errorBody } from './fault-bodies';
import {
  activeCount,
  chatModelFor,
  embeddingModelFor,
  FAULT_API_KEY,
  rejectionOf,
  settledSocketCount,
  startConduit,
  trackUnhandledRejections,
  type FaultConduit,
} from './fault-harness';

// Anthropic has no embeddings endpoint: embed faults are played on the OpenAI wire only.
describe('embed faults on the OpenAI wire', () => {
  let server: ReplayServer;
  let conduit: FaultConduit;
  let sockets: number;
  const rejections = trackUnhandledRejections();
  const json = { 'content-type': 'application/json' };

  beforeEach(async () => {
    sockets = activeCount('TCPSocketWrap');
    server = await ReplayServer.start();
    conduit = await startConduit(chatModelFor('openai', server.baseUrl), {
      embed: embeddingModelFor(server.baseUrl),
    });
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
    [
      '429 retry-after',
      429,
      errorBody('openai', 'rate_limit_error', 'Slow'),
      { 'retry-after': '1' },
      RateLimitError,
    ],
    [
      '429 insufficient_quota',
      429,
      readFixture('openai/error-insufficient-quota.json'),
      {},
      QuotaExceededError,
    ],
    [
      '401',
      401,
      errorBody('openai', 'invalid_request_error', 'bad key', 'invalid_api_key'),
      {},
      AuthenticationError,
    ],
    ['500', 500, errorBody('openai', 'server_error', 'boom'), {}, ServerError],
    [
      '502 HTML',
      502,
      '<html><body>Bad Gateway</body></html>',
      { 'content-type': 'text/html' },
      ServerError,
    ],
  ] as const)('%s becomes the typed error', async (_name, status, body, headers, expected) => {
    server.enqueue({ status, body, headers: { ...json, ...headers } });
    const error = await rejectionOf(conduit.chat.embed(['a', 'b']));
    expect(error).toBeInstanceOf(expected);
    expect((error as Error).message).not.toContain(FAULT_API_KEY);
  });

  it('a reset socket fails with ConnectionError', async () => {
    server.enqueue({ fixture: 'openai/embeddings.json', destroyAfterBytes: 30 });
    expect(await rejectionOf(conduit.chat.embed(['a', 'b']))).toBeInstanceOf(ConnectionError);
  });

  it('a truncated body fails with InvalidResponseError', async () => {
    const whole = readFixture('openai/embeddings.json');
    server.enqueue({ body: whole.slice(0, whole.length - 20), headers: json });
    expect(await rejectionOf(conduit.chat.embed(['a', 'b']))).toBeInstanceOf(InvalidResponseError);
  });

  it('a server that never answers ends in TimeoutError and the request is abandoned', async () => {
    server.enqueue({ fixture: 'openai/embeddings.json', pauseAfterBytes: 0 });
    const error = await rejectionOf(conduit.chat.embed(['a', 'b'], { timeoutMs: 300 }));
    expect(error).toBeInstanceOf(TimeoutError);
    await server.waitForClientClose();
  });

  it('recovers from a 503 and a reset socket with RetryInterceptor', async () => {
    const retry = new RetryInterceptor({ maxAttempts: 3, initialDelayMs: 1, random: () => 0 });
    server.enqueue(
      { status: 503, body: errorBody('openai', 'server_error', 'busy'), headers: json },
      { fixture: 'openai/embeddings.json', destroyAfterBytes: 0 },
      { fixture: 'openai/embeddings.json' },
    );
    const answer = await conduit.chat.embed(['a', 'b'], { interceptors: [retry] });
    expect(answer.embeddings).toHaveLength(2);
    expect(server.requests).toHaveLength(3);
  });
});
