import { request } from 'undici';
import { chunksJsonlToSse, fixtureStatus, readFixture, seededCuts } from './fixtures';
import { ReplayServer, useReplayServer } from './replay-server';

/** Reads a response body piece by piece as the client receives it. */
async function pieces(body: AsyncIterable<Buffer>): Promise<string[]> {
  const out: string[] = [];
  for await (const piece of body) out.push(piece.toString('utf8'));
  return out;
}

describe('fixtures', () => {
  it('converts .chunks.jsonl to SSE with a final [DONE]', () => {
    expect(chunksJsonlToSse('{"a":1}\n\n{"b":2}\n')).toBe(
      'data: {"a":1}\n\ndata: {"b":2}\n\ndata: [DONE]\n\n',
    );
    const sse = readFixture('xai/chat-tool-call.chunks.jsonl');
    expect(sse.startsWith('data: {')).toBe(true);
    expect(sse.endsWith('data: [DONE]\n\n')).toBe(true);
  });

  it('reads the status from the fixture name', () => {
    expect(fixtureStatus('openai/error-invalid-api-key.401.json')).toBe(401);
    expect(fixtureStatus('openai/chat-text.json')).toBe(200);
  });

  it('gives reproducible random cuts within the body', () => {
    const cuts = seededCuts(500, 9, 20);
    expect(cuts).toEqual(seededCuts(500, 9, 20));
    expect(cuts).not.toEqual(seededCuts(500, 10, 20));
    expect(cuts.every((c, i) => c > 0 && c < 500 && (i === 0 || c > cuts[i - 1]))).toBe(true);
  });
});

describe('ReplayServer', () => {
  let server: ReplayServer;
  afterEach(() => server.close());

  const post = (body: unknown = { hi: 1 }, path = '/v1/chat/completions') =>
    request(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-probe': 'yes' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('serves a fixture with its recorded status and content type, and records the request', async () => {
    server = await ReplayServer.start({
      fixture: 'openai/error-invalid-api-key.401.json',
      headers: { 'x-request-id': 'r' },
    });
    const response = await post({ model: 'x' });
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.headers['x-request-id']).toBe('r');
    expect(await response.body.text()).toBe(readFixture('openai/error-invalid-api-key.401.json'));
    expect(server.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: '/v1/chat/completions',
        body: { model: 'x' },
        rawBody: '{"model":"x"}',
      }),
    ]);
    expect(server.requests[0].headers['x-probe']).toBe('yes');
    expect(server.baseUrl).toBe(`${server.url}/v1`);
  });

  it('serves streams as text/event-stream and cuts them where asked', async () => {
    server = await ReplayServer.start([
      { fixture: 'openai/chat-length.stream.txt', chunkSize: 200 },
      { body: 'abcdef', cutAt: [2, 4] },
    ]);
    const first = await post();
    expect(first.headers['content-type']).toBe('text/event-stream');
    expect((await pieces(first.body)).join('')).toBe(readFixture('openai/chat-length.stream.txt'));
    const second = await post();
    expect((await pieces(second.body)).join('')).toBe('abcdef');
  });

  it('holds the rest of a body until release()', async () => {
    server = await ReplayServer.start({ body: 'abcdef', pauseAfterBytes: 3 });
    const response = await post();
    const iterator = response.body[Symbol.asyncIterator]();
    expect(((await iterator.next()).value as Buffer).toString()).toBe('abc');
    server.release();
    const rest: string[] = [];
    for (let r = await iterator.next(); r.done !== true; r = await iterator.next())
      rest.push((r.value as Buffer).toString());
    expect(rest.join('')).toBe('def');
  });

  it('holds the end of the response with pauseBeforeEnd', async () => {
    server = await ReplayServer.start({ body: 'all', pauseBeforeEnd: true });
    const response = await post();
    const iterator = response.body[Symbol.asyncIterator]();
    expect(((await iterator.next()).value as Buffer).toString()).toBe('all');
    server.release();
    expect((await iterator.next()).done).toBe(true);
  });

  it('reports a client that leaves early, once per connection', async () => {
    server = await ReplayServer.start({ body: 'data: x\n\n', neverEnd: true });
    const controller = new AbortController();
    const response = await request(`${server.url}/v1/x`, {
      method: 'POST',
      body: '{}',
      signal: controller.signal,
    });
    const iterator = response.body[Symbol.asyncIterator]();
    await iterator.next();
    const closed = server.waitForClientClose();
    controller.abort();
    expect((await closed).path).toBe('/v1/x');
    expect(server.closedEarly).toHaveLength(1);
    await iterator.next().catch(() => undefined);
    // Once per connection: finishing the aborted read does not report the same close again.
    await new Promise((resolve) => setImmediate(resolve));
    expect(server.closedEarly).toHaveLength(1);
  });

  it('rejects waitForClientClose with a clear message when no client closes in time', async () => {
    const server = await ReplayServer.start();
    try {
      await expect(server.waitForClientClose(10)).rejects.toThrow(
        'the client did not close its connection within 10 ms',
      );
    } finally {
      await server.close();
    }
  });

  it('resolves waitForClientClose at once for a close that already happened', async () => {
    server = await ReplayServer.start({ body: 'x', neverEnd: true });
    const controller = new AbortController();
    await request(`${server.url}/v1/y`, {
      method: 'POST',
      body: 'not json',
      signal: controller.signal,
    });
    controller.abort();
    // Let the close land with no waiter registered (polls the event loop, asserts no duration).
    while (server.closedEarly.length === 0) await new Promise((resolve) => setImmediate(resolve));
    const first = await server.waitForClientClose();
    expect(first.body).toBeUndefined();
    expect(first.rawBody).toBe('not json');
  });

  it('resets the connection after destroyAfterBytes without counting it as a client close', async () => {
    server = await ReplayServer.start({ body: 'abcdefgh', destroyAfterBytes: 4 });
    const response = await post();
    await expect(pieces(response.body)).rejects.toThrow();
    expect(server.closedEarly).toHaveLength(0);
  });

  it('answers from a handler when the queue is empty and 500 when nothing is scripted', async () => {
    server = await ReplayServer.start();
    const none = await post();
    expect(none.statusCode).toBe(500);
    expect(await none.body.text()).toContain('nothing scripted for POST /v1/chat/completions');
    server.respondWith((r) => ({ status: 201, body: JSON.stringify({ echo: r.body }) }));
    const echoed = await post({ q: 2 });
    expect(echoed.statusCode).toBe(201);
    expect(await echoed.body.json()).toEqual({ echo: { q: 2 } });
  });

  it('starts from a handler and waits for the n-th request', async () => {
    server = await ReplayServer.start(() => ({ body: '{}' }));
    const second = server.waitForRequest(2);
    await (await post({ n: 1 })).body.text();
    await (await post({ n: 2 })).body.text();
    expect((await second).body).toEqual({ n: 2 });
    expect((await server.waitForRequest(1)).body).toEqual({ n: 1 });
  });

  it('gives a URL where connections are refused', async () => {
    server = await ReplayServer.start();
    const url = await ReplayServer.refusedUrl();
    await expect(request(`${url}/x`, { method: 'POST', body: '{}' })).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
  });
});

describe('useReplayServer', () => {
  const replay = useReplayServer({ body: 'scripted' });
  let previous: ReplayServer | undefined;

  it('starts a server before the test with the given scripts queued', async () => {
    previous = replay.server;
    const response = await request(`${replay.server.url}/x`);
    expect(await response.body.text()).toBe('scripted');
  });

  it('gives the next test a new server, the previous one closed', async () => {
    expect(previous).toBeDefined();
    expect(replay.server).not.toBe(previous);
    await expect(request(`${previous?.url}/x`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    const response = await request(`${replay.server.url}/x`);
    expect(await response.body.text()).toBe('scripted');
  });
});
