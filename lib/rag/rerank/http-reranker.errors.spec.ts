import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import {
  AbortedError,
  AuthenticationError,
  InvalidRequestError,
  InvalidResponseError,
  ProviderError,
  RateLimitError,
  ResponseTooLargeError,
  ServerError,
  TimeoutError,
} from '../../core';
import { useReplayServer } from '../../../test/support/replay-server';
import type { Document } from '../document.types';
import { CohereReranker } from './cohere-reranker';
import { JinaReranker } from './jina-reranker';
import { TeiReranker } from './tei-reranker';

/** Hand-written from the API references (see test/fixtures/rerank/README.md). */
const fixture = (name: string): string =>
  readFileSync(join(__dirname, '../../../test/fixtures/rerank', name), 'utf8');

const KEY = 'rk-secret-key-0123456789abcdef';
const DOCUMENTS: Document[] = [
  { id: 'a', content: 'alpha', metadata: {} },
  { id: 'b', content: 'beta', metadata: {} },
];

/** Everything an error shows: message, fields, body. */
const everything = (error: unknown): string => `${String(error)} ${inspect(error, { depth: 8 })}`;

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('HTTP rerankers: errors', () => {
  const replay = useReplayServer();
  const cohere = (extra: Partial<ConstructorParameters<typeof CohereReranker>[0]> = {}) =>
    new CohereReranker({
      model: 'rerank-v3.5',
      apiKey: KEY,
      baseUrl: `${replay.server.url}/v2`,
      retry: false,
      ...extra,
    });

  it('401 is an AuthenticationError with the message and no key', async () => {
    replay.server.enqueue({ status: 401, body: fixture('cohere-error.401.json') });
    const error = await failureOf(cohere().rerank('q', DOCUMENTS));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).message).toBe(
      'cohere rerank error 401: invalid api token',
    );
    expect((error as AuthenticationError).isRetryable).toBe(false);
  });

  it('429 is a retryable RateLimitError that honours retry-after', async () => {
    replay.server.enqueue({
      status: 429,
      headers: { 'retry-after': '3' },
      body: fixture('cohere-error.429.json'),
    });
    const error = await failureOf(cohere().rerank('q', DOCUMENTS));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(3000);
    expect((error as RateLimitError).isRetryable).toBe(true);
  });

  it('500 is a retryable ServerError; a key echoed in the body is redacted everywhere', async () => {
    replay.server.enqueue({
      status: 500,
      body: JSON.stringify({ message: `internal error for key ${KEY}` }),
    });
    const error = await failureOf(cohere().rerank('q', DOCUMENTS));
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).isRetryable).toBe(true);
    expect(everything(error)).not.toContain(KEY);
    expect(everything(cohere())).not.toContain(KEY);
  });

  it('a FastAPI 422 lists its validation messages; a TEI 413 keeps its error_type', async () => {
    replay.server.enqueue({ status: 422, body: fixture('jina-error.422.json') });
    const jina = new JinaReranker({ model: 'm', baseUrl: replay.server.url, retry: false });
    const invalid = await failureOf(jina.rerank('q', DOCUMENTS));
    expect(invalid).toBeInstanceOf(InvalidRequestError);
    expect((invalid as Error).message).toBe('jina rerank error 422: field required');

    replay.server.enqueue({ status: 413, body: fixture('tei-error.413.json') });
    const tei = new TeiReranker({ baseUrl: replay.server.url, retry: false });
    const tooMany = await failureOf(tei.rerank('q', DOCUMENTS));
    expect(tooMany).toBeInstanceOf(ProviderError);
    expect((tooMany as ProviderError).code).toBe('Validation');
    expect((tooMany as Error).message).toContain('maximum allowed batch size 32');
  });

  it('an HTML error page from a proxy becomes a ServerError with an excerpt', async () => {
    replay.server.enqueue({
      status: 502,
      headers: { 'content-type': 'text/html' },
      body: `<html><body><h1>502 Bad Gateway</h1>${'x'.repeat(1000)}</body></html>`,
    });
    const error = await failureOf(cohere().rerank('q', DOCUMENTS));
    expect(error).toBeInstanceOf(ServerError);
    expect((error as Error).message).toContain('<h1>502 Bad Gateway</h1>');
    expect((error as Error).message.length).toBeLessThan(400);
  });

  it('a 200 with HTML or malformed JSON is an InvalidResponseError, key redacted', async () => {
    replay.server.enqueue({ status: 200, body: `<html>login page ${KEY}</html>` });
    const html = await failureOf(cohere().rerank('q', DOCUMENTS));
    expect(html).toBeInstanceOf(InvalidResponseError);
    expect(everything(html)).not.toContain(KEY);

    replay.server.enqueue({ status: 200, body: '{"results": [{"index": 0, "relevance_sc' });
    await expect(cohere().rerank('q', DOCUMENTS)).rejects.toBeInstanceOf(InvalidResponseError);

    replay.server.enqueue({ status: 200, body: JSON.stringify({ results: 'none' }) });
    await expect(cohere().rerank('q', DOCUMENTS)).rejects.toThrow('no array of results');
  });

  it('an answer over maxResponseBytes fails with ResponseTooLargeError', async () => {
    replay.server.enqueue({ body: JSON.stringify({ results: [], padding: 'x'.repeat(5000) }) });
    await expect(cohere({ maxResponseBytes: 1024 }).rerank('q', DOCUMENTS)).rejects.toBeInstanceOf(
      ResponseTooLargeError,
    );
  });

  it('retries a 429 after its retry-after and a 5xx, as the built-in retry does', async () => {
    replay.server.enqueue(
      { status: 429, headers: { 'retry-after': '0' }, body: fixture('cohere-error.429.json') },
      { status: 503, body: '{"message":"overloaded"}' },
      {
        body: JSON.stringify({
          results: [
            { index: 1, relevance_score: 0.8 },
            { index: 0, relevance_score: 0.2 },
          ],
        }),
      },
    );
    const hits = await cohere({ retry: { random: () => 0 } }).rerank('q', DOCUMENTS);
    expect(hits.map((hit) => hit.index)).toEqual([1, 0]);
    expect(replay.server.requests).toHaveLength(3);
  });

  it('gives up after maxRetries, and never retries a 401 or a retry-after past maxRetryAfterMs', async () => {
    replay.server.enqueue(
      { status: 500, body: '{"message":"boom 1"}' },
      { status: 500, body: '{"message":"boom 2"}' },
    );
    const error = await failureOf(
      cohere({ retry: { maxRetries: 1, random: () => 0 } }).rerank('q', DOCUMENTS),
    );
    expect((error as Error).message).toContain('boom 2');
    expect(replay.server.requests).toHaveLength(2);

    replay.server.enqueue({ status: 401, body: fixture('cohere-error.401.json') });
    await expect(cohere({ retry: {} }).rerank('q', DOCUMENTS)).rejects.toBeInstanceOf(
      AuthenticationError,
    );
    expect(replay.server.requests).toHaveLength(3);

    replay.server.enqueue({
      status: 429,
      headers: { 'retry-after': '120' },
      body: fixture('cohere-error.429.json'),
    });
    await expect(cohere({ retry: {} }).rerank('q', DOCUMENTS)).rejects.toBeInstanceOf(
      RateLimitError,
    );
    expect(replay.server.requests).toHaveLength(4);
  });

  it('a server that hangs fails with TimeoutError and the socket is closed', async () => {
    replay.server.enqueue({ body: fixture('cohere-v2-rerank.json'), pauseAfterBytes: 10 });
    const error = await failureOf(cohere({ timeoutMs: 100 }).rerank('q', DOCUMENTS));
    expect(error).toBeInstanceOf(TimeoutError);
    await replay.server.waitForClientClose();
  });

  it('an aborted signal cancels the request and closes its socket', async () => {
    replay.server.enqueue({ body: fixture('cohere-v2-rerank.json'), pauseAfterBytes: 10 });
    const controller = new AbortController();
    const pending = cohere().rerank('q', DOCUMENTS, { signal: controller.signal });
    await replay.server.waitForRequest();
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(AbortedError);
    await replay.server.waitForClientClose();
  });
});
