import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Redis from 'ioredis';
import { startPostgresServer, type PostgresServer } from './support/postgres-server';
import { startRedisServer, type RedisServer } from './support/redis-server';

/*
 * Durable agent runs across real processes: replicas of test/fixtures/durable-run-worker (Nest
 * application contexts with RedisAgentRunStore or PostgresAgentRunStore on a real redis-server /
 * PostgreSQL, and a scripted local model). Each tool counts its executions in Redis, so the test
 * counts side effects across processes. Nothing is mocked between the processes and the stores.
 */

const REGISTER = join(__dirname, 'support', 'swc-register.cjs');
const WORKER = join(__dirname, 'fixtures', 'durable-run-worker', 'durable-run-worker.ts');

type Line = Record<string, unknown>;

interface Worker {
  readonly child: ChildProcess;
  send(command: Line): void;
  next(match: (line: Line) => boolean): Promise<Line>;
  kill(): Promise<void>;
}

let redisServer: RedisServer;
let postgres: PostgresServer;
let redis: Redis;
const workers: Worker[] = [];

beforeAll(async () => {
  [redisServer, postgres] = await Promise.all([startRedisServer(), startPostgresServer()]);
  redis = new Redis(redisServer.url, { maxRetriesPerRequest: 1 });
}, 120_000);

afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.kill()));
});

afterAll(async () => {
  await redis?.quit();
  await Promise.all([redisServer?.stop(), postgres?.stop()]);
});

async function startWorker(backend: string): Promise<Worker> {
  const child = spawn(
    process.execPath,
    ['-r', REGISTER, WORKER, backend, redisServer.url, postgres.url],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines: Line[] = [];
  const listeners = new Set<(line: Line) => void>();
  createInterface({ input: child.stdout }).on('line', (text) => {
    if (!text.startsWith('{')) return;
    const line = JSON.parse(text) as Line;
    lines.push(line);
    for (const listener of listeners) listener(line);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const worker: Worker = {
    child,
    send: (command) => child.stdin?.write(`${JSON.stringify(command)}\n`),
    next: (match) =>
      new Promise((resolve, reject) => {
        const index = lines.findIndex(match);
        if (index >= 0) return resolve(lines.splice(index, 1)[0]);
        const listener = (line: Line): void => {
          if (!match(line)) return;
          listeners.delete(listener);
          lines.splice(lines.indexOf(line), 1);
          resolve(line);
        };
        listeners.add(listener);
        void exited.then((code) =>
          reject(new Error(`worker exited (${String(code)}) before the line; stderr:\n${stderr}`)),
        );
      }),
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
  workers.push(worker);
  await worker.next((line) => line['event'] === 'ready');
  return worker;
}

/** Sends a command and waits for its outcome line. */
async function call(worker: Worker, command: Line): Promise<Line> {
  worker.send(command);
  return worker.next((line) => line['cmd'] === command['cmd'] && 'outcome' in line);
}

const effects = async (backend: string, tool: string): Promise<number> =>
  Number((await redis.get(`mp:effects:${backend}:${tool}`)) ?? 0);

describe.each(['redis', 'postgres'])('durable runs across processes on %s', (backend) => {
  jest.setTimeout(180_000);

  it('suspends on one process, survives killing every process, resumes on a fresh one', async () => {
    const runId = `suspend-${backend}`;
    const first = await startWorker(backend);
    const suspended = await call(first, { cmd: 'start', runId, prompt: 'refund' });
    expect(suspended).toMatchObject({ status: 'awaiting-approval' });
    const pending = suspended['pending'] as string[];
    expect(pending).toHaveLength(1);
    expect(await effects(backend, 'record_fact')).toBe(1);
    expect(await effects(backend, 'refund')).toBe(0);

    await first.kill(); // every process of the run is gone
    const fresh = await startWorker(backend);
    const done = await call(fresh, {
      cmd: 'resume',
      runId,
      approvals: { [pending[0]]: true },
    });
    expect(done).toMatchObject({
      status: 'completed',
      text: 'done: recorded asked for a refund | refunded A-1',
    });
    // Each tool ran exactly once across the two processes.
    expect(await effects(backend, 'record_fact')).toBe(1);
    expect(await effects(backend, 'refund')).toBe(1);
    const again = await call(fresh, { cmd: 'resume', runId, approvals: {} });
    expect(again).toMatchObject({ outcome: 'error', name: 'RunNotResumableError' });
  });

  it('lets exactly one of two processes resuming at the same moment win', async () => {
    const runId = `race-${backend}`;
    const [one, two] = await Promise.all([startWorker(backend), startWorker(backend)]);
    const suspended = await call(one, { cmd: 'start', runId, prompt: 'refund' });
    const approvals = { [(suspended['pending'] as string[])[0]]: true };
    const refundsBefore = await effects(backend, 'refund');
    // Both read the same version and stop at their claim; `go` releases both at once.
    for (const worker of [one, two]) worker.send({ cmd: 'resume', runId, approvals, gated: true });
    await Promise.all([one, two].map((w) => w.next((line) => line['event'] === 'at-gate')));
    for (const worker of [one, two]) worker.send({ cmd: 'go' });
    const outcomes = await Promise.all(
      [one, two].map((w) => w.next((line) => line['cmd'] === 'resume')),
    );
    const won = outcomes.filter((o) => o['outcome'] === 'ok');
    const lost = outcomes.filter((o) => o['outcome'] === 'error');
    expect(won).toEqual([expect.objectContaining({ status: 'completed' })]);
    expect(lost).toEqual([expect.objectContaining({ name: 'RunConflictError' })]);
    expect((await effects(backend, 'refund')) - refundsBefore).toBe(1);
  });

  it('fails a run whose non-idempotent tool was killed mid-execution, without running it again', async () => {
    const runId = `charge-${backend}`;
    const first = await startWorker(backend);
    first.send({ cmd: 'start', runId, prompt: 'charge' });
    await first.next((line) => line['event'] === 'tool-started');
    await first.kill();
    expect(await effects(backend, 'charge')).toBe(1);

    const next = await startWorker(backend);
    const failed = await call(next, { cmd: 'continue', runId });
    expect(failed).toMatchObject({ status: 'failed', error: 'ToolInterruptedError' });
    expect(await effects(backend, 'charge')).toBe(1);
  });

  it('runs an idempotent tool killed mid-execution again and completes', async () => {
    const runId = `lookup-${backend}`;
    const first = await startWorker(backend);
    first.send({ cmd: 'start', runId, prompt: 'lookup' });
    await first.next((line) => line['event'] === 'tool-started');
    await first.kill();

    const next = await startWorker(backend);
    const done = await call(next, { cmd: 'continue', runId });
    expect(done).toMatchObject({ status: 'completed', text: 'done: order 42: shipped' });
    expect(await effects(backend, 'lookup')).toBe(2);
  });
});
