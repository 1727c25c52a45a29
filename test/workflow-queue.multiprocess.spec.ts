import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Test, type TestingModule } from '@nestjs/testing';
import { Queue, QueueEvents } from 'bullmq';
import Redis from 'ioredis';
import { ConduitWorkflowQueueModule, WorkflowQueue } from '../lib/queue';
import {
  WORKFLOW_IN_FLIGHT,
  WORKFLOW_QUEUE,
  WORKFLOW_WORKER,
  workflowWorkerGraph,
} from './fixtures/workflow-worker/workflow-worker-graph';
import { startRedisServer, type RedisServer } from './support/redis-server';

/*
 * Graph runs across real processes: worker replicas of test/fixtures/workflow-worker (Nest apps
 * with ConduitWorkflowQueueModule, checkpoints in RedisCheckpointStore) on one real redis-server;
 * this process enqueues through a replica that runs no jobs. Nothing is mocked between the
 * processes and Redis or BullMQ.
 */

const REGISTER = join(__dirname, 'support', 'swc-register.cjs');
const APP = join(__dirname, 'fixtures', 'workflow-worker', 'workflow-worker-app.ts');

interface Worker {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
}

async function startWorker(redisUrl: string): Promise<Worker> {
  const child = spawn(process.execPath, ['-r', REGISTER, APP, redisUrl], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line === 'ready') resolve();
    });
    void exited.then((code) =>
      reject(new Error(`worker exited (${String(code)}) before it was ready:\n${stderr}`)),
    );
  });
  return { child, exited };
}

let server: RedisServer;
let redis: Redis;
let subscriber: Redis;
let web: TestingModule;
let queue: Queue;
let events: QueueEvents;
const workers: Worker[] = [];

jest.setTimeout(60_000);

beforeAll(async () => {
  server = await startRedisServer();
  redis = new Redis(server.url);
  subscriber = new Redis(server.url);
  const connection = { host: '127.0.0.1', port: server.port };
  web = await Test.createTestingModule({
    imports: [
      ConduitWorkflowQueueModule.forRoot({
        connection,
        queueName: WORKFLOW_QUEUE,
        graphs: { review: workflowWorkerGraph(redis) },
        processJobs: false,
        worker: WORKFLOW_WORKER,
        // One attempt: waiting out the killed run's claim must not spend it (or the job fails).
        jobOptions: { attempts: 1 },
      }),
    ],
  }).compile();
  await web.init();
  queue = new Queue(WORKFLOW_QUEUE, { connection });
  events = new QueueEvents(WORKFLOW_QUEUE, { connection });
  await events.waitUntilReady();
});

afterAll(async () => {
  for (const worker of workers) {
    if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
  }
  await Promise.all(workers.map((worker) => worker.exited));
  await events?.close();
  await queue?.close();
  await web?.close();
  subscriber?.disconnect();
  redis?.disconnect();
  await server?.stop();
});

it('a worker killed with SIGKILL mid-node is replaced by another, which resumes from the last checkpoint: the checkpointed node is not run again, the node in flight is', async () => {
  const first = await startWorker(server.url);
  workers.push(first);
  await subscriber.subscribe(WORKFLOW_IN_FLIGHT);
  const inFlight = new Promise<string>((resolve) =>
    subscriber.once('message', (_channel: string, id: string) => resolve(id)),
  );
  const workflows = web.get(WorkflowQueue);
  const { threadId, jobId } = await workflows.enqueue('review', {
    input: { id: 'killed' },
    threadId: 'killed',
  });

  // The first worker ran "plan" (checkpointed) and is inside "write": kill it there.
  expect(await inFlight).toBe('killed');
  const second = await startWorker(server.url);
  workers.push(second);
  first.child.kill('SIGKILL');
  expect(await first.exited).toBeNull();

  const job = await queue.getJob(jobId);
  expect(await job?.waitUntilFinished(events)).toEqual({
    threadId,
    path: ['plan', 'write', 'review'],
  });
  const [plan, write, review] = await redis.mget(
    'count:killed:plan',
    'count:killed:write',
    'count:killed:review',
  );
  expect({ plan, write, review }).toEqual({ plan: '1', write: '2', review: '1' });
  expect(await workflows.getStatus(threadId)).toMatchObject({
    status: 'completed',
    state: { id: 'killed', steps: ['plan', 'write', 'review'] },
    attemptsMade: 1,
  });
});
