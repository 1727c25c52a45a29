import { Queue, Worker } from 'bullmq';
import type Redis from 'ioredis';
import { ConduitValidationError } from '../lib/core/errors/conduit-validation.error';
import { CheckpointNotFoundError } from '../lib/flow/checkpoints/checkpoint-not-found.error';
import { RedisCheckpointStore } from '../lib/flow/checkpoints/redis-checkpoint.store';
import { END, START } from '../lib/flow/graph/graph.constants';
import { StateGraph } from '../lib/flow/graph/state-graph';
import { ConduitWorkflowQueueModule, WorkflowQueue } from '../lib/queue';
import { WorkflowJobHandler } from '../lib/queue/workflow-job.handler';
import { useWorkflowQueueHarness, type Doc } from './support/workflow-queue-harness';

/*
 * Graph runs on BullMQ against a real redis-server: the queue, the workers (Nest apps with
 * ConduitWorkflowQueueModule) and the checkpoints (RedisCheckpointStore) all on it. Every node
 * counts its runs in Redis, the side effect the tests count across workers.
 */

const harness = useWorkflowQueueHarness();
const { counted, graphOf, startApp, finished, counts, onTestEnd } = harness;
let redis: Redis;
let connection: { host: string; port: number };

beforeAll(() => {
  ({ redis, connection } = harness);
});

describe('ConduitWorkflowQueueModule on real Redis', () => {
  it('enqueues at once, is queued until a worker replica runs it, then completes', async () => {
    const store = new RedisCheckpointStore({ client: redis, keyPrefix: 'one:' });
    const graphs = { review: graphOf(store) };
    const web = await startApp({ connection, queueName: 'wf-one', graphs, processJobs: false });
    const workflows = web.get(WorkflowQueue);

    const { threadId, jobId } = await workflows.enqueue('review', {
      input: { id: 'one' },
      threadId: 'tenant:1/doc-1',
    });
    expect(threadId).toBe('tenant:1/doc-1');
    expect(await workflows.getStatus(threadId)).toMatchObject({
      status: 'queued',
      graph: 'review',
      step: undefined,
    });

    await startApp({ connection, queueName: 'wf-one', graphs });
    expect(await finished('wf-one', jobId)).toEqual({
      threadId,
      path: ['plan', 'write', 'review'],
    });
    expect(await workflows.getStatus(threadId)).toMatchObject({
      status: 'completed',
      state: { id: 'one', steps: ['plan', 'write', 'review'] },
      path: ['plan', 'write', 'review'],
      next: [],
      attemptsMade: 1,
    });
    expect(await counts('one')).toEqual({ plan: '1', write: '1', review: '1' });
  });

  it('refuses an unknown graph, a thread that already ran and an unknown status thread', async () => {
    const store = new RedisCheckpointStore({ client: redis, keyPrefix: 'refuse:' });
    const app = await startApp({
      connection,
      queueName: 'wf-refuse',
      graphs: { review: graphOf(store) },
      processJobs: false,
    });
    const workflows = app.get(WorkflowQueue);
    await expect(workflows.enqueue('nope', { input: { id: 'x' } })).rejects.toThrow(
      /no graph is registered as "nope" \(registered: review\)/,
    );
    await workflows.enqueue('review', { input: { id: 'refuse' }, threadId: 't1' });
    await expect(
      workflows.enqueue('review', { input: { id: 'refuse' }, threadId: 't1' }),
    ).rejects.toThrow(ConduitValidationError);
    await expect(workflows.enqueue('review', { input: {}, threadId: '' })).rejects.toThrow(
      ConduitValidationError,
    );
    await expect(workflows.getStatus('never-enqueued')).rejects.toThrow(CheckpointNotFoundError);
  });

  it('of concurrent enqueues of one thread, accepts one and refuses the others', async () => {
    const store = new RedisCheckpointStore({ client: redis, keyPrefix: 'race:' });
    const app = await startApp({
      connection,
      queueName: 'wf-race',
      graphs: { review: graphOf(store) },
      processJobs: false,
    });
    const workflows = app.get(WorkflowQueue);

    // All calls are started before Redis answers any: each finds the thread free.
    const inputs = Array.from({ length: 8 }, (_, i) => ({ id: `race-${i}` }));
    const settled = await Promise.allSettled(
      inputs.map((input) => workflows.enqueue('review', { input, threadId: 'race' })),
    );

    const accepted = settled.flatMap((result, i) => (result.status === 'fulfilled' ? [i] : []));
    expect(accepted).toHaveLength(1);
    for (const result of settled) {
      if (result.status === 'rejected') {
        expect(result.reason).toBeInstanceOf(ConduitValidationError);
        expect((result.reason as Error).message).toMatch(/thread "race" already has a run/);
      }
    }
    const queue = new Queue('wf-race', { connection });
    onTestEnd(() => queue.close());
    const job = await queue.getJob('graph-race');
    expect(job?.data).toMatchObject({
      graph: 'review',
      threadId: 'race',
      input: inputs[accepted[0]],
    });
  });

  it('refuses a graph compiled without a checkpoint store, at forRoot', () => {
    const bare = new StateGraph<Doc>()
      .addNode('plan', counted('plan'))
      .addEdge(START, 'plan')
      .addEdge('plan', END)
      .compile();
    expect(() => ConduitWorkflowQueueModule.forRoot({ connection, graphs: { bare } })).toThrow(
      /graphs\.bare: has no checkpointStore/,
    );
  });

  it('with two worker replicas, runs each node of each run once', async () => {
    const store = new RedisCheckpointStore({ client: redis, keyPrefix: 'two:' });
    const graphs = { review: graphOf(store) };
    const options = { connection, queueName: 'wf-two', graphs, concurrency: 3 };
    const first = await startApp(options);
    await startApp(options);
    const workflows = first.get(WorkflowQueue);

    const ids = Array.from({ length: 12 }, (_, i) => `two-${i}`);
    const jobs = await Promise.all(
      ids.map((id) => workflows.enqueue('review', { input: { id }, threadId: id })),
    );
    await Promise.all(jobs.map(({ jobId }) => finished('wf-two', jobId)));

    for (const id of ids) {
      expect(await counts(id)).toEqual({ plan: '1', write: '1', review: '1' });
      expect(await workflows.getStatus(id)).toMatchObject({ status: 'completed', step: 2 });
    }
  });

  it('after its worker dies mid-node, another worker resumes from the last checkpoint', async () => {
    // Short locks: the dead worker's job is handed over in about a second; its claim on the thread
    // lasts longer (leaseMs), so the survivor first finds the thread claimed and waits for it.
    const store = new RedisCheckpointStore({ client: redis, keyPrefix: 'crash:', leaseMs: 2_500 });
    let inFlight!: () => void;
    const writing = new Promise<void>((resolve) => (inFlight = resolve));
    // The first run of "write" never ends: its worker is killed while it runs.
    const hang = (): Promise<void> => {
      inFlight();
      return new Promise<void>(() => undefined);
    };
    const web = await startApp({
      connection,
      queueName: 'wf-crash',
      graphs: { review: graphOf(store) },
      processJobs: false,
      // One attempt: waiting for the dead worker's claim must not spend it (or the job fails).
      jobOptions: { attempts: 1 },
    });
    const workflows = web.get(WorkflowQueue);
    const { threadId, jobId } = await workflows.enqueue('review', { input: { id: 'crash' } });

    const handler = new WorkflowJobHandler(new Map([['review', graphOf(store, hang)]]));
    const doomed = new Worker('wf-crash', (job) => handler.handle(job.data), {
      connection,
      lockDuration: 1_000,
      // As the survivor's: workers share one rate limit of stalled checks in Redis.
      stalledInterval: 300,
    });
    await writing;
    expect(await workflows.getStatus(threadId)).toMatchObject({
      status: 'running',
      path: ['plan'],
      next: ['write'],
    });
    await doomed.close(true); // no more lock renewals: the job stalls

    await startApp({
      connection,
      queueName: 'wf-crash',
      graphs: { review: graphOf(store) },
      claimRetryDelayMs: 100,
      worker: { lockDuration: 1_000, stalledInterval: 300 },
    });
    await finished('wf-crash', jobId);

    // "plan" had a checkpoint: not run again. "write" was in flight: run again. Then "review".
    expect(await counts('crash')).toEqual({ plan: '1', write: '2', review: '1' });
    expect(await workflows.getStatus(threadId)).toMatchObject({
      status: 'completed',
      state: { id: 'crash', steps: ['plan', 'write', 'review'] },
      path: ['plan', 'write', 'review'],
    });
  });
});
