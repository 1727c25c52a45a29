import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { ReplayServer } from '../support/replay-server';
import { BURST_DELTAS, SseBatchingAppModule } from './fixtures/sse-batching-app.module';
import { openSseUntil, parseSse } from './read-sse';
import { HTTP_ADAPTERS, startHttpApp } from './start-http-app';

// Nest apps boot on a shared CI machine: a ceiling, not a timed assertion.
jest.setTimeout(30_000);

/**
 * Counts the writes that reach the server's accepted sockets: each `_write` / `_writev` call of a
 * `net.Socket` is one system call's worth of data handed to the kernel.
 */
function countSocketWrites(server: Server): { readonly count: number } {
  const counter = { count: 0 };
  server.on('connection', (socket: Socket) => {
    const internals = socket as unknown as Record<'_write' | '_writev', (...a: unknown[]) => void>;
    for (const name of ['_write', '_writev'] as const) {
      const original = internals[name].bind(socket);
      internals[name] = (...args: unknown[]) => {
        counter.count++;
        original(...args);
      };
    }
  });
  return counter;
}

const expectedText = Array.from({ length: BURST_DELTAS }, (_, i) => `${i} `).join('');

describe.each(HTTP_ADAPTERS)(
  'SseBatchingInterceptor and coalesceDeltas() on %s (e2e)',
  (_name, adapter) => {
    let upstream: ReplayServer;
    let app: INestApplication;
    let url: string;

    beforeEach(async () => {
      upstream = await ReplayServer.start();
      ({ app, url } = await startHttpApp(
        SseBatchingAppModule.forUpstream(upstream.baseUrl),
        adapter(),
      ));
    });

    afterEach(async () => {
      await app.close();
      await upstream.close();
    });

    it('sends every frame of a burst, in order with its id', async () => {
      const body = await (await fetch(`${url}/burst`)).text();
      const frames = parseSse(body);
      const deltas = frames.filter((f) => f.event === 'text-delta');
      expect(deltas).toHaveLength(BURST_DELTAS);
      expect(deltas.map((f) => (f.data as { delta: string }).delta).join('')).toBe(expectedText);
      expect(frames[0]?.event).toBe('start');
      expect(frames[frames.length - 1]?.event).toBe('finish');
      const ids = [...body.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
      expect(ids).toEqual(Array.from({ length: frames.length }, (_, i) => i + 1));
    });

    it('writes a burst in a few socket writes, not one a frame', async () => {
      const writes = countSocketWrites(app.getHttpServer() as Server);
      const body = await (await fetch(`${url}/burst`)).text();
      expect(body.match(/^event: text-delta$/gm)).toHaveLength(BURST_DELTAS);
      // One write a frame would be over 500; corked, the ~35 kB burst leaves in a few writes (the
      // socket's 16 kB buffer makes Nest wait for a drain once or twice), plus the headers.
      expect(writes.count).toBeLessThan(BURST_DELTAS / 10);
    });

    it('coalesceDeltas() merges the burst into one text-delta frame with the same text', async () => {
      const frames = parseSse(await (await fetch(`${url}/burst/coalesced`)).text());
      expect(frames.map((f) => f.event)).toEqual(['start', 'text-delta', 'usage', 'finish']);
      expect((frames[1]?.data as { delta: string }).delta).toBe(expectedText);
    });

    it('leaves a keep-alive connection usable: SSE twice, then JSON, on one socket', async () => {
      // fetch keeps its connection alive, so a socket left corked would hang the second request.
      for (let i = 0; i < 2; i++) {
        const frames = parseSse(await (await fetch(`${url}/burst`)).text());
        expect(frames.filter((f) => f.event === 'text-delta')).toHaveLength(BURST_DELTAS);
      }
      upstream.enqueue({ fixture: 'openai/chat-text.json' });
      const response = await fetch(`${url}/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ message: 'Hi' }),
      });
      expect(response.status).toBe(201);
      expect(((await response.json()) as { text: string }).text).not.toBe('');
    });

    it('a client that closes the connection still aborts the upstream call', async () => {
      upstream.enqueue({ fixture: 'openai/chat-text.stream.txt', pauseAfterBytes: 1_500 });
      const { request: sse, frames } = await openSseUntil(
        `${url}/upstream?message=Hi`,
        'text-delta',
      );
      expect(frames[0]?.event).toBe('start');
      sse.destroy();
      expect((await upstream.waitForClientClose()).path).toBe('/v1/chat/completions');
    });
  },
);
