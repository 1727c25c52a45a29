import type { INestApplication } from '@nestjs/common';
import type { SampleEnv } from '../sample/sample-env';
import { startSampleApp } from './sample/sample-app';
import { startRedisServer, type RedisServer } from './support/redis-server';

/** One SSE frame with its id. */
interface Frame {
  readonly id: string | undefined;
  readonly event: string | undefined;
  readonly data: Record<string, unknown>;
}

/**
 * Reads `GET url` as an EventSource would, until `stop(frame)` says so (then the client goes
 * away, as a closed tab does) or the server ends the stream.
 */
async function readUntil(
  url: string,
  headers: Record<string, string>,
  stop: (frame: Frame) => boolean,
): Promise<Frame[]> {
  const controller = new AbortController();
  const response = await fetch(url, { headers, signal: controller.signal });
  expect(response.status).toBe(200);
  const frames: Frame[] = [];
  const decoder = new TextDecoder();
  let buffer = '';
  let stopped = false;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const lines = buffer.slice(0, end).split('\n');
      buffer = buffer.slice(end + 2);
      const field = (name: string) =>
        lines
          .find((line) => line.startsWith(`${name}:`))
          ?.slice(name.length + 1)
          .trim();
      const data = field('data');
      if (data === undefined) continue;
      const frame = {
        id: field('id'),
        event: field('event'),
        data: JSON.parse(data) as Record<string, unknown>,
      };
      frames.push(frame);
      if (stop(frame)) stopped = true;
      if (stopped) break;
    }
    if (stopped) break;
  }
  // Leaving the loop cancelled the body; the abort closes the connection for good.
  if (stopped) controller.abort();
  return frames;
}

const awaitingApproval = (frame: Frame) =>
  frame.event === 'run-status' && frame.data.status === 'awaiting-approval';

async function post(app: INestApplication, path: string, body: unknown): Promise<Response> {
  return fetch(`${await app.getUrl()}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function listening(env: SampleEnv): Promise<INestApplication> {
  const { app } = await startSampleApp(env);
  await app.listen(0, '127.0.0.1');
  return app;
}

/**
 * Starts research on `first`, waits for the approval (the page goes away meanwhile), approves on
 * `second` (maybe another app: a restart or another replica) and reads the rest from `second`
 * with Last-Event-ID: every event once, in order, ending with the published report.
 */
async function researchWithApproval(
  first: INestApplication,
  second: () => Promise<INestApplication>,
): Promise<void> {
  const started = await post(first, '/research', { topic: 'EV batteries' });
  expect(started.status).toBe(201);
  const { runId } = (await started.json()) as { runId: string };
  const before = await readUntil(
    `${await first.getUrl()}/research/${runId}/events`,
    {},
    awaitingApproval,
  );
  const pending = before.at(-1)?.data.pendingApprovals as {
    toolCallId: string;
    toolName: string;
    arguments: unknown;
  }[];
  expect(pending).toEqual([
    {
      toolCallId: expect.any(String),
      toolName: 'publish_report',
      arguments: { topic: 'EV batteries' },
    },
  ]);

  const app = await second();
  const decided = await post(app, `/research/${runId}/approvals`, {
    approvals: { [pending[0].toolCallId]: true },
  });
  expect(decided.status).toBe(202);
  const after = await readUntil(
    `${await app.getUrl()}/research/${runId}/events`,
    { 'last-event-id': before.at(-1)!.id! },
    () => false,
  );
  const ids = [...before, ...after].map((frame) => frame.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(after.map((frame) => frame.event)).toContain('tool-call-finish');
  expect(after.at(-1)?.data).toMatchObject({
    type: 'run-status',
    status: 'completed',
    text: expect.stringContaining('https://reports.example.com/ev-batteries'),
  });
}

describe('sample app: the background research agent with an approval', () => {
  it('runs in this process without Redis: the approval is shown, decided, and the stream resumes after the last event id', async () => {
    const app = await listening({});
    try {
      await researchWithApproval(app, () => Promise.resolve(app));
    } finally {
      await app.close();
    }
  });

  it('answers an unknown run with an error frame and a wrong decision with 4xx', async () => {
    const app = await listening({});
    try {
      const frames = await readUntil(`${await app.getUrl()}/research/nope/events`, {}, () => false);
      expect(frames.map((frame) => frame.event)).toEqual(['error']);
      expect((await post(app, '/research/nope/approvals', { approvals: 'yes' })).status).toBe(400);
      expect((await post(app, '/research/nope/approvals', { approvals: { x: true } })).status).toBe(
        404,
      );
    } finally {
      await app.close();
    }
  });

  describe('with REDIS_URL (real redis-server, BullMQ workers)', () => {
    let redis: RedisServer;
    beforeAll(async () => {
      redis = await startRedisServer();
    });
    afterAll(async () => {
      await redis?.stop();
    });

    it('leaves nothing running after a second app.close(), which runs the shutdown hooks again', async () => {
      const app = await listening({ REDIS_URL: redis.url });
      await app.close();
      // Fake timers count what the second close starts, without waiting for anything to fire.
      jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
      try {
        await app.close();
        expect(jest.getTimerCount()).toBe(0);
      } finally {
        jest.useRealTimers();
      }
    });

    it('survives a restart: the run waits for its approval in Redis, the new process approves and finishes it', async () => {
      const env = { REDIS_URL: redis.url };
      const first = await listening(env);
      let second: INestApplication | undefined;
      try {
        await researchWithApproval(first, async () => {
          await first.close();
          second = await listening(env);
          return second;
        });
      } finally {
        await first.close().catch(() => undefined);
        await second?.close();
      }
    });
  });
});
