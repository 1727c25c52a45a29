import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { AbortedError } from '../../lib/core';
import { closeSharedHttpPools } from '../../lib/providers/shared/http-client';
import { activeCount, settledSocketCount } from './fault-harness';

/** Answers one request; the JSON body the client posted comes parsed. */
export type CountingHandler = (body: unknown, res: ServerResponse) => void;

/**
 * A local server on 127.0.0.1 that counts TCP connections, as the server sees them: every
 * `connection` event, and the sockets open right now. What the client opened is measured where it
 * cannot be hidden by the client's own bookkeeping.
 */
export class ConnectionCounter {
  /** Connections accepted so far. */
  accepted = 0;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly server: Server | TcpServer) {
    server.on('connection', (socket: Socket) => {
      this.accepted++;
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  /** Sockets open right now. */
  get open(): number {
    return this.sockets.size;
  }

  /** `http://127.0.0.1:<port>`. */
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** `url` + `/v1`, an OpenAI-style base URL. */
  get baseUrl(): string {
    return `${this.url}/v1`;
  }

  /** Closes every socket and stops listening. */
  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** An HTTP server that counts its connections and answers every request with `handler`. */
export async function startCountingHttpServer(
  handler: CountingHandler,
): Promise<ConnectionCounter> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        body = undefined;
      }
      handler(body, res);
    });
  });
  // A long keep-alive, as many API gateways announce: idle sockets would stay for minutes.
  server.keepAliveTimeout = 600_000;
  const counter = new ConnectionCounter(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return counter;
}

/**
 * A plain TCP server that counts its connections and, once the client has sent its request,
 * writes `answer` (raw bytes: something that is not HTTP, or a broken HTTP answer).
 */
export async function startRawServer(answer: string): Promise<ConnectionCounter> {
  const server = createTcpServer((socket) => {
    socket.on('error', () => undefined);
    socket.once('data', () => socket.write(answer));
  });
  const counter = new ConnectionCounter(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return counter;
}

/**
 * Waits until `done()` holds, checking every few milliseconds (socket events need some event-loop
 * turns to land), at most `checks` times; returns whether it held. Bounded in count: it returns as
 * soon as the condition holds, and the test asserts the condition, never a duration.
 */
export async function until(done: () => boolean, checks = 400): Promise<boolean> {
  for (let check = 0; check < checks; check++) {
    if (done()) return true;
    await new Promise<void>((resolve) => setTimeout(resolve, 2));
  }
  return done();
}

/**
 * Registers what every test of a spec file ends with: the shared pools closed, then a check that
 * the process has no more sockets than before the test (both ends of every connection live here),
 * which also keeps closes still under way from landing in the next test or file. Call it at the
 * top of the file: its `afterEach` then runs after the ones that close the servers.
 */
export function closePoolsAfterEach(): void {
  let sockets = 0;
  beforeEach(() => {
    sockets = activeCount('TCPSocketWrap');
  });
  afterEach(async () => {
    await closeSharedHttpPools({ mode: 'abort', reason: new AbortedError('test over') });
    expect(await settledSocketCount(sockets)).toBeLessThanOrEqual(sockets);
  });
}
