import {
  AbortedError,
  ConduitError,
  ConnectionError,
  InvalidResponseError,
  ProviderError,
  TimeoutError,
} from '../../core';
import { ReplayServer } from '../../../test/support/replay-server';
import { HttpClient } from './http-client';
import type { HttpErrorResponse } from './http-client.types';

const KEY = 'sk-secret-value-42';

describe('HttpClient', () => {
  let server: ReplayServer;
  let seen: HttpErrorResponse[];
  let client: HttpClient;

  beforeEach(async () => {
    server = await ReplayServer.start();
    seen = [];
    client = new HttpClient({
      provider: 'acme',
      secrets: [KEY],
      mapError: (response) => {
        seen.push(response);
        return new ProviderError(`acme ${response.status}`, {
          provider: 'acme',
          status: response.status,
        });
      },
    });
  });
  afterEach(() => server.close());

  const post = (path = '/v1/x', signal?: AbortSignal) => ({
    url: `${server.url}${path}?q=1`,
    headers: { 'x-test': '1' },
    body: { hello: 'wörld' },
    signal,
  });

  it('posts JSON with headers and parses the JSON answer', async () => {
    server.enqueue({ body: '{"ok":true}', headers: { 'X-Request-Id': 'req_9' } });
    const response = await client.postJson(post());
    expect(response).toEqual({
      status: 200,
      headers: expect.objectContaining({
        'x-request-id': 'req_9',
        'content-type': 'application/json',
      }),
      body: { ok: true },
    });
    const sent = server.requests[0];
    expect(sent.path).toBe('/v1/x?q=1');
    expect(sent.body).toEqual({ hello: 'wörld' });
    expect(sent.headers).toMatchObject({
      'x-test': '1',
      accept: 'application/json',
      'content-type': 'application/json',
    });
  });

  it('reuses the keep-alive connection for the next request to the same origin', async () => {
    server.enqueue({ body: '{}' }, { body: '{}' });
    await client.postJson(post());
    await client.postJson(post());
    expect(server.requests[1].headers.connection).toBe('keep-alive');
  });

  it('hands non-2xx answers with their parsed body (or text) to the mapper', async () => {
    server.enqueue(
      { status: 401, body: '{"error":"no"}', headers: { 'x-request-id': 'r1' } },
      { status: 502, body: 'Bad gateway' },
      { status: 500, body: '' },
    );
    await expect(client.postJson(post())).rejects.toThrow('acme 401');
    await expect(client.postStream(post())).rejects.toThrow('acme 502');
    await expect(client.postJson(post())).rejects.toThrow('acme 500');
    expect(seen.map((r) => [r.status, r.body, r.headers['x-request-id']])).toEqual([
      [401, { error: 'no' }, 'r1'],
      [502, 'Bad gateway', undefined],
      [500, '', undefined],
    ]);
  });

  it('rejects a 2xx body that is not JSON with InvalidResponseError, key redacted', async () => {
    server.enqueue({ body: `<html>${KEY}</html>` });
    const error = await client.postJson(post()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toContain('[REDACTED]');
    expect((error as Error).message).not.toContain(KEY);
    expect((error as InvalidResponseError).body).toBe('<html>[REDACTED]</html>');
  });

  it('shortens long non-JSON bodies in the message', async () => {
    server.enqueue({ body: 'x'.repeat(1000) });
    const error = await client.postJson(post()).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/x{200}\.\.\.$/);
    server.enqueue({ body: '' });
    await expect(client.postJson(post())).rejects.toThrow('(empty)');
  });

  it('streams the body as it arrives', async () => {
    server.enqueue({ body: 'abcdef', pauseAfterBytes: 3 });
    const response = await client.postStream(post());
    expect(response.status).toBe(200);
    const iterator = response.body[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(Buffer.from(first.value as Uint8Array).toString()).toBe('abc');
    server.release();
    const rest: string[] = [];
    for (let r = await iterator.next(); r.done !== true; r = await iterator.next()) {
      rest.push(Buffer.from(r.value).toString());
    }
    expect(rest.join('')).toBe('def');
    expect(server.requests[0].headers.accept).toBe('text/event-stream');
  });

  it('stopping the iteration early closes the connection', async () => {
    server.enqueue({ body: 'abcdef', pauseAfterBytes: 3 });
    const response = await client.postStream(post());
    for await (const bytes of response.body) {
      expect(bytes.length).toBeGreaterThan(0);
      break;
    }
    await server.waitForClientClose();
  });

  it('connection refused -> ConnectionError', async () => {
    const url = `${await ReplayServer.refusedUrl()}/x`;
    await expect(client.postJson({ url, headers: {}, body: {} })).rejects.toBeInstanceOf(
      ConnectionError,
    );
    await expect(client.postStream({ url, headers: {}, body: {} })).rejects.toBeInstanceOf(
      ConnectionError,
    );
  });

  it('a reset while reading a JSON body -> ConnectionError', async () => {
    server.enqueue({ body: '{"long": "......................"}', destroyAfterBytes: 5 });
    await expect(client.postJson(post())).rejects.toBeInstanceOf(ConnectionError);
  });

  it('a reset while streaming -> ConnectionError from the iteration', async () => {
    server.enqueue({ body: 'abcdefgh', destroyAfterBytes: 4 });
    const response = await client.postStream(post());
    const read = async (): Promise<void> => {
      for await (const bytes of response.body) expect(bytes).toBeDefined();
    };
    await expect(read()).rejects.toBeInstanceOf(ConnectionError);
  });

  it('a reset while reading an error body -> ConnectionError', async () => {
    server.enqueue({ status: 500, body: 'failure failure failure', destroyAfterBytes: 3 });
    await expect(client.postJson(post())).rejects.toBeInstanceOf(ConnectionError);
  });

  it('an abort while waiting for the headers -> AbortedError, connection closed', async () => {
    // Paused before the first byte: Node has not even flushed the status line yet.
    server.enqueue({ body: '{}', pauseAfterBytes: 0 });
    const controller = new AbortController();
    const pending = client.postJson(post('/v1/x', controller.signal));
    await server.waitForRequest();
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(AbortedError);
    await server.waitForClientClose();
  });

  it('an abort while streaming fails the iteration with the TimeoutError reason', async () => {
    server.enqueue({ body: 'abcdef', pauseAfterBytes: 3 });
    const controller = new AbortController();
    const response = await client.postStream(post('/v1/x', controller.signal));
    const timeout = new TimeoutError(10);
    const read = async (): Promise<void> => {
      for await (const bytes of response.body) {
        expect(bytes).toBeDefined();
        controller.abort(timeout);
      }
    };
    await expect(read()).rejects.toBe(timeout);
    await server.waitForClientClose();
  });

  it('an already aborted signal fails before any request', async () => {
    const controller = new AbortController();
    controller.abort(new ConduitError('stop'));
    await expect(client.postJson(post('/v1/x', controller.signal))).rejects.toThrow('stop');
    expect(server.requests).toHaveLength(0);
  });
});
