import { once } from 'node:events';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { fixtureStatus, readFixture } from './fixtures';

/**
 * One scripted answer of the replay server. Give the body as `fixture` (a path under
 * /work/shared/fixtures, e.g. `openai/chat-text.stream.txt`; `.chunks.jsonl` is served as SSE) or
 * as `body`. Without cutting options the body goes out in one write.
 */
export interface ReplayScript {
  /** HTTP status. Defaults to the status in the fixture name (`*.401.json`), else 200. */
  readonly status?: number;
  /** Response headers. `content-type` defaults from the fixture name (SSE or JSON). */
  readonly headers?: Readonly<Record<string, string>>;
  readonly fixture?: string;
  readonly body?: string | Buffer;
  /** Cut the body into pieces of this many bytes, each its own write. */
  readonly chunkSize?: number;
  /** Cut the body at these byte offsets (ascending), each piece its own write. */
  readonly cutAt?: readonly number[];
  /** Send this many bytes, then hold the rest until `release()` (or the client leaves). */
  readonly pauseAfterBytes?: number;
  /** Send the whole body but hold the end of the response until `release()`. */
  readonly pauseBeforeEnd?: boolean;
  /** Send the body and never end the response (until the client leaves or the server closes). */
  readonly neverEnd?: boolean;
  /** Send this many bytes, then reset the TCP connection (a network failure mid-answer). */
  readonly destroyAfterBytes?: number;
}

/** Builds the answer from the request, when a fixed script is not enough. */
export type ReplayHandler = (request: RecordedRequest) => ReplayScript;

/** A request the server received. */
export interface RecordedRequest {
  readonly method: string;
  /** Path and query, e.g. `/v1/chat/completions`. */
  readonly path: string;
  /** Lower-case header names, as Node parses them. */
  readonly headers: IncomingHttpHeaders;
  /** The JSON body, parsed (`undefined` when it was not JSON). */
  readonly body: unknown;
  readonly rawBody: string;
}

function contentTypeOf(script: ReplayScript): string {
  const name = script.fixture ?? '';
  return /\.(stream\.txt|chunks\.jsonl)$/.test(name) ? 'text/event-stream' : 'application/json';
}

/** Splits the body at the requested offsets or into `chunkSize` pieces. */
function pieces(body: Buffer, script: ReplayScript): Buffer[] {
  const cuts: number[] = [...(script.cutAt ?? [])];
  if (script.chunkSize !== undefined) {
    for (let at = script.chunkSize; at < body.length; at += script.chunkSize) cuts.push(at);
  }
  if (script.pauseAfterBytes !== undefined) cuts.push(script.pauseAfterBytes);
  if (script.destroyAfterBytes !== undefined) cuts.push(script.destroyAfterBytes);
  const sorted = [...new Set(cuts)].filter((c) => c > 0 && c < body.length).sort((a, b) => a - b);
  const out: Buffer[] = [];
  let start = 0;
  for (const cut of sorted) {
    out.push(body.subarray(start, cut));
    start = cut;
  }
  out.push(body.subarray(start));
  return out;
}

/**
 * A local HTTP server on 127.0.0.1 (random port) that plays scripted answers, records every
 * request and reports connections the client closed before the answer ended.
 *
 * @example
 * const server = await ReplayServer.start({ fixture: 'openai/chat-text.stream.txt', chunkSize: 1 });
 * const model = new OpenAIChatModel({ model: 'gpt-4o', apiKey: 'sk-test', baseUrl: server.baseUrl });
 * // ... server.requests[0].body, await server.waitForClientClose()
 * await server.close();
 */
export class ReplayServer {
  /** Every request received, in order. */
  readonly requests: RecordedRequest[] = [];
  /** Requests whose connection the client closed before the response ended. */
  readonly closedEarly: RecordedRequest[] = [];

  private readonly queue: ReplayScript[] = [];
  private fallback: ReplayHandler | undefined;
  private releaseWaiters: (() => void)[] = [];
  private closeWaiters: ((request: RecordedRequest) => void)[] = [];
  private requestWaiters: { count: number; resolve: (r: RecordedRequest) => void }[] = [];
  private consumedCloses = 0;
  private readonly serverResets = new WeakSet<ServerResponse>();

  private constructor(
    private readonly server: Server,
    /** `http://127.0.0.1:<port>`. */
    readonly url: string,
  ) {}

  /**
   * Starts a server. `scripts` are answered in order, one a request; a handler answers every
   * request the queue does not cover. A request with nothing scripted gets HTTP 500.
   */
  static async start(
    scripts?: ReplayScript | readonly ReplayScript[] | ReplayHandler,
  ): Promise<ReplayServer> {
    const server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const instance = new ReplayServer(server, `http://127.0.0.1:${port}`);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      void instance.handle(req, res);
    });
    if (typeof scripts === 'function') instance.respondWith(scripts);
    else if (Array.isArray(scripts)) instance.enqueue(...(scripts as ReplayScript[]));
    else if (scripts !== undefined) instance.enqueue(scripts as ReplayScript);
    return instance;
  }

  /** A URL on 127.0.0.1 where nothing listens (connections are refused). */
  static async refusedUrl(): Promise<string> {
    const server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    server.close();
    await once(server, 'close');
    return `http://127.0.0.1:${port}/v1`;
  }

  /** `url` + `/v1`, what an OpenAI-compatible `baseUrl` looks like. */
  get baseUrl(): string {
    return `${this.url}/v1`;
  }

  /** Adds answers to the queue. */
  enqueue(...scripts: ReplayScript[]): this {
    this.queue.push(...scripts);
    return this;
  }

  /** Answers every request not covered by the queue. */
  respondWith(handler: ReplayHandler): this {
    this.fallback = handler;
    return this;
  }

  /** Lets paused answers (`pauseAfterBytes`, `pauseBeforeEnd`) continue. */
  release(): void {
    const waiters = this.releaseWaiters;
    this.releaseWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /**
   * Resolves with the request whose connection the client closes early next (or already did).
   * Bounded: rejects with a clear message when no close came within `withinMs` (an abort that no
   * longer closes the socket fails here, not as a bare Jest timeout). A guard, not a measure.
   */
  waitForClientClose(withinMs = 3_000): Promise<RecordedRequest> {
    const ready = this.closedEarly[this.consumedCloses];
    if (ready !== undefined) {
      this.consumedCloses++;
      return Promise.resolve(ready);
    }
    return new Promise((resolve, reject) => {
      const waiter = (request: RecordedRequest): void => {
        clearTimeout(timer);
        resolve(request);
      };
      const timer = setTimeout(() => {
        this.closeWaiters = this.closeWaiters.filter((w) => w !== waiter);
        reject(new Error(`the client did not close its connection within ${withinMs} ms`));
      }, withinMs);
      this.closeWaiters.push(waiter);
    });
  }

  /** Resolves when the `count`-th request (1-based, default 1) has arrived. */
  waitForRequest(count = 1): Promise<RecordedRequest> {
    const ready = this.requests[count - 1];
    if (ready !== undefined) return Promise.resolve(ready);
    return new Promise((resolve) => this.requestWaiters.push({ count, resolve }));
  }

  /** Closes every connection and stops listening. */
  async close(): Promise<void> {
    this.release();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    try {
      body = JSON.parse(rawBody);
    } catch {
      body = undefined;
    }
    const request: RecordedRequest = {
      method: req.method ?? '',
      path: req.url ?? '',
      headers: req.headers,
      body,
      rawBody,
    };
    this.requests.push(request);
    this.requestWaiters = this.requestWaiters.filter((w) => {
      if (this.requests.length < w.count) return true;
      w.resolve(request);
      return false;
    });

    const closed = new Promise<void>((resolve) =>
      res.on('close', () => {
        // Not finished and not reset by a script: the client went away mid-answer.
        if (!res.writableFinished && !this.serverResets.has(res)) this.recordEarlyClose(request);
        resolve();
      }),
    );
    const script = this.queue.shift() ?? this.fallback?.(request);
    if (script === undefined) {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          error: {
            message: `replay server: nothing scripted for ${request.method} ${request.path}`,
          },
        }),
      );
      return;
    }
    await this.play(script, res, closed);
  }

  private recordEarlyClose(request: RecordedRequest): void {
    this.closedEarly.push(request);
    const waiter = this.closeWaiters.shift();
    if (waiter !== undefined) {
      this.consumedCloses++;
      waiter(request);
    }
  }

  private waitForRelease(closed: Promise<void>): Promise<void> {
    return Promise.race([
      new Promise<void>((resolve) => this.releaseWaiters.push(resolve)),
      closed,
    ]);
  }

  private async play(
    script: ReplayScript,
    res: ServerResponse,
    closed: Promise<void>,
  ): Promise<void> {
    const bodyText =
      script.fixture !== undefined ? readFixture(script.fixture) : (script.body ?? '');
    const body = Buffer.isBuffer(bodyText) ? bodyText : Buffer.from(bodyText, 'utf8');
    const status =
      script.status ?? (script.fixture !== undefined ? fixtureStatus(script.fixture) : 200);
    const parts = pieces(body, script);
    const whole = parts.length === 1 && !script.pauseBeforeEnd && !script.neverEnd;
    res.writeHead(status, {
      'content-type': contentTypeOf(script),
      ...(whole && { 'content-length': String(body.length) }),
      ...script.headers,
    });
    let sent = 0;
    for (const part of parts) {
      if (res.destroyed) return;
      if (script.pauseAfterBytes !== undefined && sent === script.pauseAfterBytes) {
        await this.waitForRelease(closed);
        if (res.destroyed) return;
      }
      if (script.destroyAfterBytes !== undefined && sent === script.destroyAfterBytes) {
        this.serverResets.add(res);
        res.socket?.resetAndDestroy();
        return;
      }
      await new Promise<void>((resolve) => res.write(part, () => resolve()));
      // Yield to the event loop so each piece leaves in its own TCP segment where possible.
      await new Promise<void>((resolve) => setImmediate(resolve));
      sent += part.length;
    }
    if (script.neverEnd) {
      await closed;
      return;
    }
    if (script.pauseBeforeEnd) await this.waitForRelease(closed);
    if (!res.destroyed) res.end();
  }
}

/** The replay server of the current test, from {@link useReplayServer}. */
export interface ReplayServerHandle {
  /** The current test's server; throws when read before the first test started. */
  readonly server: ReplayServer;
}

/**
 * Registers a `beforeEach` that starts a replay server (queueing `scripts`, when given) and an
 * `afterEach` that closes it. Call it once at the top of the `describe` block; hooks of the block
 * registered after it see the server already started. Its `afterEach` runs before the ones
 * registered after it, so a spec that must close a Nest app or module built on the server before
 * the server keeps its own hooks.
 *
 * @example
 * const replay = useReplayServer();
 * it('maps a text answer', async () => {
 *   replay.server.enqueue({ fixture: 'openai/chat-text.json' });
 *   const model = new OpenAIChatModel({ model: 'gpt-4o', baseUrl: replay.server.baseUrl });
 * });
 */
export function useReplayServer(
  scripts?: ReplayScript | readonly ReplayScript[] | ReplayHandler,
): ReplayServerHandle {
  let server: ReplayServer | undefined;
  beforeEach(async () => {
    server = await ReplayServer.start(scripts);
  });
  afterEach(async () => {
    await server?.close();
  });

  return {
    get server() {
      if (server === undefined) throw new Error('replay server used outside a test');
      return server;
    },
  };
}
