import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Redis from 'ioredis';
import { Pool } from 'pg';
import { PostgresCheckpointStore } from '../lib/flow/checkpoints/postgres-checkpoint.store';
import { RedisCheckpointStore } from '../lib/flow/checkpoints/redis-checkpoint.store';
import type { CheckpointStore } from '../lib/flow/graph/checkpoint.store';
import { startPostgresServer, type PostgresServer } from './support/postgres-server';
import { startRedisServer, type RedisServer } from './support/redis-server';

const REGISTER = join(__dirname, 'support', 'swc-register.cjs');
const WORKER = join(__dirname, 'fixtures', 'checkpoint-worker', 'checkpoint-worker.ts');

/** A worker process and the lines it printed, with a way to wait for the next one matching. */
interface Worker {
  readonly child: ChildProcess;
  readonly lines: string[];
  next(match: (line: string) => boolean): Promise<string>;
  exited: Promise<number | null>;
}

function startWorker(args: readonly string[]): Worker {
  const child = spawn(process.execPath, ['-r', REGISTER, WORKER, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const listeners = new Set<(line: string) => void>();
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    for (const listener of listeners) listener(line);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return {
    child,
    lines,
    exited,
    next: (match) =>
      new Promise((resolve, reject) => {
        const seen = lines.find(match);
        if (seen !== undefined) return resolve(seen);
        const listener = (line: string): void => {
          if (!match(line)) return;
          listeners.delete(listener);
          resolve(line);
        };
        listeners.add(listener);
        void exited.then((code) =>
          reject(new Error(`worker exited (${String(code)}) before the line; stderr:\n${stderr}`)),
        );
      }),
  };
}

const isOutcome = (line: string): boolean => line.startsWith('{');

/**
 * Two processes resume the same thread at the same moment (both released by one `go`). The winner's
 * node holds until the loser has reported, so the race is decided by the store's claim alone and
 * the test does not depend on timing: if both claimed, both nodes would start and the side-effect
 * file would hold two lines.
 */
async function raceTwoWorkers(
  store: CheckpointStore,
  backend: 'redis' | 'postgres',
  url: string,
): Promise<void> {
  const threadId = `multiprocess-${backend}`;
  const directory = mkdtempSync(join(tmpdir(), 'conduit-checkpoints-'));
  const sideEffects = join(directory, 'side-effects.log');
  writeFileSync(sideEffects, '');
  await store.save({
    threadId,
    state: { n: 1 },
    next: ['work'],
    path: ['prepare'],
    joins: {},
    done: false,
  });
  const workers = [0, 1].map(() => startWorker([backend, url, threadId, sideEffects]));
  try {
    await Promise.all(workers.map((worker) => worker.next((line) => line === 'ready')));
    for (const worker of workers) worker.child.stdin?.write('go\n');
    // The first to report is either a loser (conflict) or a winner whose node started.
    const first = await Promise.race(
      workers.map((worker, index) =>
        worker
          .next((line) => line === 'node-started' || isOutcome(line))
          .then((line) => ({ index, line })),
      ),
    );
    const other = workers[1 - first.index];
    const winner = first.line === 'node-started' ? workers[first.index] : other;
    const loser = winner === other ? workers[first.index] : other;
    // A loser whose node started too (two claims granted) fails here instead of hanging.
    const lostLine = await loser.next((line) => isOutcome(line) || line === 'node-started');
    expect(lostLine).not.toBe('node-started');
    const lost = JSON.parse(lostLine) as Record<string, unknown>;
    winner.child.stdin?.write('continue\n');
    const won = JSON.parse(await winner.next(isOutcome)) as Record<string, unknown>;
    expect(lost).toEqual({
      outcome: 'conflict',
      name: 'CheckpointConflictError',
      reason: 'claimed',
    });
    expect(won).toEqual({ outcome: 'won', state: { n: 2 } });
    expect(await Promise.all(workers.map((worker) => worker.exited))).toEqual([0, 0]);
    // The node ran once, in the winner's process only.
    expect(readFileSync(sideEffects, 'utf8').trim().split('\n')).toEqual([
      String(winner.child.pid),
    ]);
    const kept = await store.list(threadId);
    expect(kept.map((checkpoint) => [checkpoint.step, checkpoint.done])).toEqual([
      [0, false],
      [1, true],
    ]);
  } finally {
    for (const worker of workers) {
      // A worker left waiting (a failed assertion above) is let go rather than left behind.
      worker.child.stdin?.end('continue\ngo\n');
    }
    await Promise.all(workers.map((worker) => worker.exited));
    rmSync(directory, { recursive: true, force: true });
  }
}

// Two child processes compile TypeScript and connect on a shared CI machine: a ceiling, not a
// timed assertion.
jest.setTimeout(60_000);

describe('checkpoint stores: two processes resume one thread at once', () => {
  let redisServer: RedisServer;
  let postgresServer: PostgresServer;
  let redis: Redis;
  let pool: Pool;

  beforeAll(async () => {
    [redisServer, postgresServer] = await Promise.all([startRedisServer(), startPostgresServer()]);
    redis = new Redis(redisServer.url, { maxRetriesPerRequest: 1 });
    pool = new Pool({ connectionString: postgresServer.url, max: 2 });
  }, 60_000);

  afterAll(async () => {
    await redis?.quit();
    await pool?.end();
    await Promise.all([redisServer?.stop(), postgresServer?.stop()]);
  });

  it('on Redis: exactly one runs the step, the other gets CheckpointConflictError', async () => {
    await raceTwoWorkers(new RedisCheckpointStore({ client: redis }), 'redis', redisServer.url);
  });

  it('on PostgreSQL: exactly one runs the step, the other gets CheckpointConflictError', async () => {
    await raceTwoWorkers(new PostgresCheckpointStore({ pool }), 'postgres', postgresServer.url);
  });
});
