import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createConnection } from 'node:net';
import { tap } from 'rxjs';
import { ChatService } from '../lib/chat/chat.service';
import { ConduitModule } from '../lib/conduit.module';
import { AbortedError, ConduitValidationError } from '../lib/core';
import type { ConduitShutdownOptions } from '../lib/ops/conduit-shutdown-options.types';
import { readFixture, recordedText } from './support/fixtures';
import { useReplayServer, type ReplayServer } from './support/replay-server';
import { afterFirstTextEvent } from './faults/fault-bodies';
import {
  activeCount,
  chatModelFor,
  rejectionOf,
  runStream,
  settledSocketCount,
} from './faults/fault-harness';

const CHAT = 'openai/chat-text.json';
const STREAM = 'openai/chat-text.stream.txt';

async function startApp(
  server: ReplayServer,
  shutdown?: ConduitShutdownOptions,
): Promise<{ app: INestApplicationContext; chat: ChatService }> {
  const app = await NestFactory.createApplicationContext(
    ConduitModule.forRoot({
      models: { default: chatModelFor('openai', server.baseUrl) },
      ...(shutdown !== undefined && { shutdown }),
    }),
    { logger: false, abortOnError: false },
  );
  return { app, chat: app.get(ChatService) };
}

describe('graceful shutdown', () => {
  let sockets: number;

  // Counted before the replay server starts, as the baseline the tests compare with.
  beforeEach(() => {
    sockets = activeCount('TCPSocketWrap');
  });

  const replay = useReplayServer();

  it('app.close() closes the keep-alive pool: no socket stays open, the server still up', async () => {
    const { app, chat } = await startApp(replay.server);
    replay.server.enqueue({ fixture: CHAT }, { fixture: CHAT });
    await chat.chat('Hi');
    await chat.chat('Hi again');
    // The idle keep-alive connection (both its ends live in this process) is still open...
    expect(activeCount('TCPSocketWrap')).toBeGreaterThan(sockets);
    await app.close();
    // ...and is gone once the application closed, without the server closing anything.
    expect(await settledSocketCount(sockets)).toBeLessThanOrEqual(sockets);
    // The server is still up: it was the client side that let the connection go.
    const { hostname, port } = new URL(replay.server.url);
    const accepted = await new Promise<boolean>((resolve) => {
      const socket = createConnection(Number(port), hostname, () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    expect(accepted).toBe(true);
  });

  it('drain (default): an in-flight call finishes with its answer before close resolves', async () => {
    const { app, chat } = await startApp(replay.server);
    // Paused before the first byte: the server is waiting for release() as soon as it has the request.
    replay.server.enqueue({ fixture: CHAT, pauseAfterBytes: 0 });
    const answer = chat.chat('Hi');
    await replay.server.waitForRequest();
    let closed = false;
    const closing = app.close().then(() => (closed = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(false);
    replay.server.release();
    expect((await answer).text).toBe(recordedText(CHAT));
    await closing;
    expect(await settledSocketCount(sockets)).toBeLessThanOrEqual(sockets);
  });

  it('drain: a stream in flight delivers every event before close resolves', async () => {
    const { app, chat } = await startApp(replay.server);
    const sse = readFixture(STREAM);
    replay.server.enqueue({ fixture: STREAM, pauseAfterBytes: afterFirstTextEvent('openai', sse) });
    let firstDelta!: () => void;
    const deltaArrived = new Promise<void>((resolve) => (firstDelta = resolve));
    const outcome = runStream(
      chat.stream('Hi').pipe(tap((e) => e.type === 'text-delta' && firstDelta())),
    );
    // The server is paused right after the first delta, which the subscriber has now received.
    await deltaArrived;
    const closing = app.close();
    replay.server.release();
    const { error, events } = await outcome;
    expect(error).toBeUndefined();
    expect(events.at(-1)?.type).toBe('finish');
    await closing;
    expect(await settledSocketCount(sockets)).toBeLessThanOrEqual(sockets);
  });

  it('abort: in-flight calls and streams fail with AbortedError; no socket stays open', async () => {
    const { app, chat } = await startApp(replay.server, { mode: 'abort' });
    const sse = readFixture(STREAM);
    replay.server.enqueue(
      { fixture: CHAT, pauseAfterBytes: 0 },
      { fixture: STREAM, pauseAfterBytes: afterFirstTextEvent('openai', sse) },
    );
    const answer = rejectionOf(chat.chat('Hi'));
    const outcome = runStream(chat.stream('Hi'));
    await replay.server.waitForRequest(2);
    await app.close();
    expect(await answer).toBeInstanceOf(AbortedError);
    const { error } = await outcome;
    expect(error).toBeInstanceOf(AbortedError);
    expect((error as AbortedError).message).toMatch(/shutting down/);
    expect(await settledSocketCount(sockets)).toBeLessThanOrEqual(sockets);
  });

  it('drain with drainTimeoutMs: a call still running at the deadline is aborted', async () => {
    const { app, chat } = await startApp(replay.server, { drainTimeoutMs: 50 });
    replay.server.enqueue({ fixture: CHAT, pauseAfterBytes: 0 });
    const answer = rejectionOf(chat.chat('Hi'));
    await replay.server.waitForRequest();
    await app.close();
    expect(await answer).toBeInstanceOf(AbortedError);
    expect(await settledSocketCount(sockets)).toBeLessThanOrEqual(sockets);
  });

  it('two applications: closing one in abort mode aborts its own stream, not the other app call', async () => {
    const first = await startApp(replay.server, { mode: 'abort' });
    const second = await startApp(replay.server);
    const sse = readFixture(STREAM);
    replay.server.enqueue(
      { fixture: STREAM, pauseAfterBytes: afterFirstTextEvent('openai', sse) },
      { fixture: CHAT, pauseAfterBytes: 0 },
    );
    const outcome = runStream(first.chat.stream('Hi'));
    await replay.server.waitForRequest(1);
    const other = second.chat.chat('Hi');
    await replay.server.waitForRequest(2);
    await first.app.close();
    const { error } = await outcome;
    expect(error).toBeInstanceOf(AbortedError);
    expect((error as AbortedError).message).toMatch(/shutting down/);
    replay.server.release();
    expect((await other).text).toBe(recordedText(CHAT));
    await second.app.close();
    expect(await settledSocketCount(sockets)).toBeLessThanOrEqual(sockets);
  });

  it('a call started while the application drains is refused, and opens no socket', async () => {
    const { app, chat } = await startApp(replay.server);
    replay.server.enqueue({ fixture: CHAT, pauseAfterBytes: 0 });
    const first = chat.chat('Hi');
    await replay.server.waitForRequest();
    const closing = app.close();
    await new Promise((resolve) => setImmediate(resolve));
    const late = await rejectionOf(chat.chat('Hi again'));
    expect(late).toBeInstanceOf(AbortedError);
    expect((late as AbortedError).message).toMatch(/no new model calls/);
    const lateStream = await runStream(chat.stream('Hi again'));
    expect(lateStream.error).toBeInstanceOf(AbortedError);
    replay.server.release();
    expect((await first).text).toBe(recordedText(CHAT));
    await closing;
    expect(replay.server.requests).toHaveLength(1);
    expect(await settledSocketCount(sockets)).toBeLessThanOrEqual(sockets);
  });

  it('the pool reopens for an application started after another one closed', async () => {
    const first = await startApp(replay.server);
    await first.app.close();
    const second = await startApp(replay.server);
    replay.server.enqueue({ fixture: CHAT });
    expect((await second.chat.chat('Hi')).text).toBe(recordedText(CHAT));
    await second.app.close();
    expect(await settledSocketCount(sockets)).toBeLessThanOrEqual(sockets);
  });

  it('two applications share the pool: closing one keeps the other working', async () => {
    const first = await startApp(replay.server);
    const second = await startApp(replay.server);
    replay.server.enqueue({ fixture: CHAT }, { fixture: CHAT });
    await first.chat.chat('Hi');
    await first.app.close();
    expect((await second.chat.chat('Hi')).text).toBe(recordedText(CHAT));
    await second.app.close();
    expect(await settledSocketCount(sockets)).toBeLessThanOrEqual(sockets);
  });

  it('invalid shutdown options fail the bootstrap with one readable error', async () => {
    const error = await rejectionOf(
      startApp(replay.server, { mode: 'later' as 'drain', drainTimeoutMs: -1 }),
    );
    expect(error).toBeInstanceOf(ConduitValidationError);
    expect((error as ConduitValidationError).issues.map((i) => i.path)).toEqual([
      'shutdown.mode',
      'shutdown.drainTimeoutMs',
    ]);
  });
});
