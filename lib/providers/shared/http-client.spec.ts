import {
  AbortedError,
  type CallAbort,
  ConduitError,
  ConnectionError,
  InvalidResponseError,
  ProviderError,
  TimeoutError,
} from '../../core';
import { ReplayServer } from '../../../test/support/replay-server';
import { Agent } from 'undici';
import { HttpClient } from './http-client';
import type {
  HttpErrorResponse,
  HttpPostRequest,
  HttpResponseHead,
  HttpStreamCall,
  HttpStreamSink,
} from './http-client.types';

const KEY = 'sk-secret-value-42';

/** Records what a streamed call hands its sink; `outcome` settles with the text or the failure. */
class RecordingSink implements HttpStreamSink {
  head: HttpResponseHead | undefined;
  readonly pieces: string[] = [];
  readonly outcome: Promise<string>;
  /** Called with each piece as it arrives (after it is recorded). */
  onPiece: (piece: string) => void = () => undefined;
  private settle!: { resolve: (text: string) => void; reject: (error: unknown) => void };

  constructor() {
    this.outcome = new Promise((resolve, reject) => (this.settle = { resolve, reject }));
  }

  start(head: HttpResponseHead): void {
    this.head = head;
  }

  data(chunk: Uint8Array): void {
    const piece = Buffer.from(chunk).toString();
    this.pieces.push(piece);
    this.onPiece(piece);
  }

  end(): void {
    this.settle.resolve(this.pieces.join(''));
  }

  fail(error: unknown): void {
    this.settle.reject(error);
  }
}

/** A CallAbort without an AbortSignal: reading `signal` fails the test. */
class TestCallAbort implements CallAbort {
  aborted = false;
  reason: unknown;
  readonly listeners = new Set<(reason: unknown) => void>();

  get signal(): AbortSignal {
    throw new Error('the AbortSignal of a CallAbort must not be read');
  }

  addListener(listener: (reason: unknown) => void): void {
    this.listeners.add(listener);
  }

  removeListener(listener: (reason: unknown) => void): void {
    this.listeners.delete(listener);
  }

  abort(reason: unknown): void {
    this.aborted = true;
    this.reason = reason;
    for (const listener of this.listeners) listener(reason);
  }
}

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

  const post = (path = '/v1/x', signal?: AbortSignal): HttpPostRequest => ({
    url: `${server.url}${path}?q=1`,
    headers: { 'x-test': '1' },
    body: { hello: 'wörld' },
    signal,
  });

  /** Opens a streamed call into a RecordingSink. */
  const stream = (
    request: HttpPostRequest = post(),
  ): { sink: RecordingSink; call: HttpStreamCall } => {
    const sink = new RecordingSink();
    return { sink, call: client.openStream(request, sink) };
  };

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
    await expect(stream().sink.outcome).rejects.toThrow('acme 502');
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

  it('streams the body to the sink as it arrives', async () => {
    server.enqueue({ body: 'abcdef', pauseAfterBytes: 3 });
    const { sink } = stream();
    const first = new Promise<string>((resolve) => (sink.onPiece = resolve));
    expect(await first).toBe('abc');
    expect(sink.head?.status).toBe(200);
    server.release();
    expect(await sink.outcome).toBe('abcdef');
    expect(server.requests[0].headers.accept).toBe('text/event-stream');
  });

  it('cancel closes the connection and tells the sink nothing', async () => {
    server.enqueue({ body: 'abcdef', pauseAfterBytes: 3 });
    const { sink, call } = stream();
    const settled = jest.fn();
    sink.outcome.then(settled, settled);
    await new Promise<string>((resolve) => (sink.onPiece = resolve));
    call.cancel(new AbortedError('gone'));
    await server.waitForClientClose();
    expect(settled).not.toHaveBeenCalled();
    expect(sink.pieces).toEqual(['abc']);
  });

  it('a throw from the sink fails the call with it and closes the connection', async () => {
    server.enqueue({ body: 'abcdef', pauseAfterBytes: 3 });
    const { sink } = stream();
    const bad = new InvalidResponseError('bad piece', { provider: 'acme' });
    sink.onPiece = () => {
      throw bad;
    };
    await expect(sink.outcome).rejects.toBe(bad);
    await server.waitForClientClose();
  });

  it('connection refused -> ConnectionError', async () => {
    const url = `${await ReplayServer.refusedUrl()}/x`;
    await expect(client.postJson({ url, headers: {}, body: {} })).rejects.toBeInstanceOf(
      ConnectionError,
    );
    await expect(stream({ url, headers: {}, body: {} }).sink.outcome).rejects.toBeInstanceOf(
      ConnectionError,
    );
  });

  it('a reset while reading a JSON body -> ConnectionError', async () => {
    server.enqueue({ body: '{"long": "......................"}', destroyAfterBytes: 5 });
    await expect(client.postJson(post())).rejects.toBeInstanceOf(ConnectionError);
  });

  it('a reset while streaming -> ConnectionError to the sink', async () => {
    server.enqueue({ body: 'abcdefgh', destroyAfterBytes: 4 });
    const { sink } = stream();
    await expect(sink.outcome).rejects.toBeInstanceOf(ConnectionError);
    expect(sink.pieces.join('')).toBe('abcd');
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

  it('an abort while streaming fails the sink with the TimeoutError reason', async () => {
    server.enqueue({ body: 'abcdef', pauseAfterBytes: 3 });
    const controller = new AbortController();
    const { sink } = stream(post('/v1/x', controller.signal));
    const timeout = new TimeoutError(10);
    sink.onPiece = () => controller.abort(timeout);
    await expect(sink.outcome).rejects.toBe(timeout);
    await server.waitForClientClose();
  });

  it('a CallAbort cancels like a signal, without its AbortSignal being made', async () => {
    server.enqueue({ body: '{}', pauseAfterBytes: 0 }, { body: 'abcdef', pauseAfterBytes: 3 });
    const abort = new TestCallAbort();
    const pending = client.postJson({ ...post(), abort });
    await server.waitForRequest();
    abort.abort('stop');
    const error = (await pending.catch((e: unknown) => e)) as AbortedError;
    expect(error).toBeInstanceOf(AbortedError);
    expect(error.cause).toBe('stop');
    expect(abort.listeners.size).toBe(0);
    await server.waitForClientClose();

    const streamed = new TestCallAbort();
    const { sink } = stream({ ...post(), abort: streamed });
    const timeout = new TimeoutError(5);
    sink.onPiece = () => streamed.abort(timeout);
    await expect(sink.outcome).rejects.toBe(timeout);
    expect(streamed.listeners.size).toBe(0);
  });

  it('an abort while the request waits for a connection fails at once and never sends it', async () => {
    // One connection: the second request queues behind the first, which the server holds.
    const agent = new Agent({ connections: 1, pipelining: 1 });
    const queued = new HttpClient(
      { provider: 'acme', mapError: () => new ConduitError('unexpected') },
      agent,
    );
    server.enqueue({ body: '{"first":true}', pauseAfterBytes: 0 }, { body: '{"next":true}' });
    const first = queued.postJson(post());
    await server.waitForRequest();
    const abort = new TestCallAbort();
    const second = queued.postJson({ ...post('/v1/second'), abort });
    abort.abort(new TimeoutError(7));
    await expect(second).rejects.toEqual(new TimeoutError(7));
    server.release();
    expect((await first).body).toEqual({ first: true });
    // The next request on the freed connection is the third: the aborted one was dropped unsent.
    expect((await queued.postJson(post('/v1/third'))).body).toEqual({ next: true });
    expect(server.requests.map((request) => request.path)).toEqual(['/v1/x?q=1', '/v1/third?q=1']);
    await agent.close();
  });

  it('detaches from the CallAbort once the call is over', async () => {
    server.enqueue({ body: '{"ok":1}' });
    const abort = new TestCallAbort();
    await client.postJson({ ...post(), abort });
    expect(abort.listeners.size).toBe(0);
  });

  it('an already aborted signal fails before any request', async () => {
    const controller = new AbortController();
    controller.abort(new ConduitError('stop'));
    await expect(client.postJson(post('/v1/x', controller.signal))).rejects.toThrow('stop');
    expect(server.requests).toHaveLength(0);
  });
});
