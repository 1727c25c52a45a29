import type { INestApplication } from '@nestjs/common';
import { ReplayServer } from '../support/replay-server';
import { TransportsAppModule } from './fixtures/transports-app.module';
import { openSseUntil, parseSse } from './read-sse';
import { HTTP_ADAPTERS, startHttpApp } from './start-http-app';

// Nest apps boot on a shared CI machine: a ceiling, not a timed assertion.
jest.setTimeout(30_000);

describe.each(HTTP_ADAPTERS)('the README routes on the %s adapter (e2e)', (_name, adapter) => {
  let upstream: ReplayServer;
  let app: INestApplication;
  let url: string;

  beforeEach(async () => {
    upstream = await ReplayServer.start();
    ({ app, url } = await startHttpApp(TransportsAppModule.http(upstream.baseUrl), adapter()));
  });

  afterEach(async () => {
    await app.close();
    await upstream.close();
  });

  const post = (path: string, body: unknown) =>
    fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('POST /chat answers with the text of the model', async () => {
    upstream.enqueue({ fixture: 'openai/chat-text.json' });
    const response = await post('/chat', { message: 'Hi' });
    expect(response.status).toBe(201);
    expect(((await response.json()) as { text: string }).text).not.toBe('');
  });

  it('GET /chat/stream sends every event as an SSE frame, in order, ending with finish', async () => {
    upstream.enqueue({ fixture: 'openai/chat-text.stream.txt', chunkSize: 97 });
    const response = await fetch(`${url}/chat/stream?message=Hi`);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const frames = parseSse(await response.text());
    expect(frames[0]?.event).toBe('start');
    expect(frames[frames.length - 1]?.event).toBe('finish');
    expect(frames.filter((f) => f.event === 'text-delta').length).toBeGreaterThan(3);
  });

  it('a client that closes the SSE connection aborts the upstream call', async () => {
    upstream.enqueue({ fixture: 'openai/chat-text.stream.txt', pauseAfterBytes: 1_500 });
    const { request, frames } = await openSseUntil(`${url}/chat/stream?message=Hi`, 'text-delta');
    expect(frames[0]?.event).toBe('start');
    request.destroy();
    const closed = await upstream.waitForClientClose();
    expect(closed.path).toBe('/v1/chat/completions');
  });

  it('a failing stream ends with a client-safe error frame', async () => {
    upstream.enqueue({ fixture: 'openai/error-invalid-api-key.401.json' });
    const frames = parseSse(await (await fetch(`${url}/chat/stream?message=Hi`)).text());
    expect(frames).toEqual([
      {
        event: 'error',
        data: {
          type: 'error',
          error: {
            name: 'AuthenticationError',
            message: 'The model provider failed to answer.',
            code: 'upstream_error',
            isRetryable: false,
          },
        },
      },
    ]);
  });

  it('POST /embeddings answers with one vector per text', async () => {
    upstream.enqueue({ fixture: 'openai/embeddings.json' });
    const response = await post('/embeddings', { texts: ['a', 'b'] });
    expect(await response.json()).toEqual({ count: 2, dimensions: 5 });
  });

  it('GET /agent/stream streams the agent run to its finish', async () => {
    upstream.enqueue({ fixture: 'openai/chat-text.stream.txt', chunkSize: 211 });
    const frames = parseSse(await (await fetch(`${url}/agent/stream?message=Hi`)).text());
    expect(frames[0]?.event).toBe('iteration-start');
    expect(frames.some((f) => f.event === 'text-delta')).toBe(true);
    expect(frames[frames.length - 1]?.event).toBe('finish');
  });

  it('ConduitExceptionFilter answers an upstream failure with 502 and invalid input with 422', async () => {
    upstream.enqueue({ fixture: 'openai/error-invalid-api-key.401.json' });
    const failed = await post('/chat', { message: 'Hi' });
    expect(failed.status).toBe(502);
    expect(await failed.json()).toMatchObject({ code: 'upstream_error' });
    const invalid = await post('/chat', { message: '' });
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toMatchObject({ code: 'invalid_input' });
    expect(upstream.requests).toHaveLength(1);
  });

  it('the request context middleware and interceptor make the request readable', async () => {
    const headers = { 'x-request-id': 'req-42' };
    for (const path of ['/context/middleware', '/context/interceptor']) {
      const response = await fetch(`${url}${path}`, { headers });
      expect(await response.json()).toEqual({ requestId: 'req-42' });
    }
  });
});
