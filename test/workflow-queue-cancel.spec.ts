import type Redis from 'ioredis';
import { CheckpointNotFoundError } from '../lib/flow/checkpoints/checkpoint-not-found.error';
import { RedisCheckpointStore } from '../lib/flow/checkpoints/redis-checkpoint.store';
import { WorkflowQueue, WorkflowRunStateError } from '../lib/queue';
import { useWorkflowQueueHarness, type BeforeNode } from './support/workflow-queue-harness';

/*
 * WorkflowQueue.cancel() and resume() against a real redis-server and BullMQ: web replicas
 * (processJobs: false) and worker replicas are Nest apps of this process on the same Redis, so a
 * cancel from a web replica reaches the worker only through the Redis channel. Every node counts
 * its runs in Redis.
 */

const harness = useWorkflowQueueHarness();
const { graphOf, startApp, finished, counts } = harness;
let redis: Redis;
let connection: { host: string; port: number };

beforeAll(() => {
  ({ redis, connection } = harness);
});

/**
 * A "write" whose first run waits for its signal: `started` resolves when it runs, `aborted`
 * when its signal fired (then it fails with the signal's reason, as a model call would).
 */
function awaitingSignal() {
  let markStarted!: () => void;
  let markAborted!: () => void;
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  const aborted = new Promise<void>((resolve) => (markAborted = resolve));
  const before: BeforeNode = (_state, context) =>
    new Promise<void>((_resolve, reject) => {
      context.signal.addEventListener(
        'abort',
        () => {
          markAborted();
          reject(
            context.signal.reason instanceof Error ? context.signal.reason : new Error('aborted'),
          );
        },
        { once: true },
      );
      markStarted();
    });
  return { before, started, aborted };
}

describe('WorkflowQueue.cancel() and resume() on real Redis', () => {
  it('cancels a waiting run: it never starts, its job fails once, and a second cancel is harmless', async () => {
    const store = new RedisCheckpointStore({ client: redis, keyPrefix: 'waiting:' });
    const graphs = { review: graphOf(store) };
    const web = await startApp({ connection, queueName: 'wf-c-wait', graphs, processJobs: false });
    const workflows = web.get(WorkflowQueue);
    const { threadId, jobId } = await workflows.enqueue('review', { input: { id: 'waiting' } });

    expect(await workflows.cancel(threadId)).toMatchObject({
      status: 'cancelled',
      step: undefined,
    });
    expect(await workflows.cancel(threadId)).toMatchObject({ status: 'cancelled' });

    await startApp({ connection, queueName: 'wf-c-wait', graphs });
    await expect(finished('wf-c-wait', jobId)).rejects.toThrow(/was cancelled/);
    expect(await counts('waiting')).toEqual({ plan: null, write: null, review: null });
    const status = await workflows.getStatus(threadId);
    expect(status).toMatchObject({ status: 'cancelled', attemptsMade: 1, path: [] });
    expect(status.failedReason).toMatch(/thread ".+" was cancelled with WorkflowQueue\.cancel\(\)/);
  });

  it('aborts the signal of a running node at once; the job fails without retries', async () => {
    const store = new RedisCheckpointStore({ client: redis, keyPrefix: 'active:' });
    const write = awaitingSignal();
    const worker = await startApp({
      connection,
      queueName: 'wf-c-active',
      graphs: { review: graphOf(store, write.before) },
    });
    const workflows = worker.get(WorkflowQueue);
    const { threadId, jobId } = await workflows.enqueue('review', { input: { id: 'active' } });
    await write.started;
    expect(await workflows.getStatus(threadId)).toMatchObject({ status: 'running' });

    const done = finished('wf-c-active', jobId);
    expect((await workflows.cancel(threadId)).status).toBe('cancelled');
    await write.aborted;
    await expect(done).rejects.toThrow(/was cancelled/);

    // Default jobOptions (3 attempts): one was made, none retried.
    expect(await workflows.getStatus(threadId)).toMatchObject({
      status: 'cancelled',
      attemptsMade: 1,
      path: ['plan'],
      next: ['write'],
    });
    expect(await counts('active')).toEqual({ plan: '1', write: '1', review: null });
  });

  it('cancels from a replica that runs no jobs, and resume() continues from the last checkpoint', async () => {
    const store = new RedisCheckpointStore({ client: redis, keyPrefix: 'cross:' });
    const write = awaitingSignal();
    const options = { connection, queueName: 'wf-c-cross' };
    const web = await startApp({
      ...options,
      graphs: { review: graphOf(store) },
      processJobs: false,
    });
    await startApp({ ...options, graphs: { review: graphOf(store, write.before) } });
    const workflows = web.get(WorkflowQueue);
    const { threadId, jobId } = await workflows.enqueue('review', { input: { id: 'cross' } });
    await write.started;

    const stopped = finished('wf-c-cross', jobId);
    await workflows.cancel(threadId);
    await write.aborted;
    await expect(stopped).rejects.toThrow(/was cancelled/);
    expect(await workflows.getStatus(threadId)).toMatchObject({ status: 'cancelled' });

    // The worker may fetch the retried job before resume() reads the status back.
    const resumed = await workflows.resume(threadId);
    expect(['queued', 'running', 'completed']).toContain(resumed.status);
    expect(await finished('wf-c-cross', jobId)).toEqual({
      threadId,
      path: ['plan', 'write', 'review'],
    });
    // "plan" was checkpointed: not run again; "write" was aborted in flight: run again.
    expect(await counts('cross')).toEqual({ plan: '1', write: '2', review: '1' });
    expect(await workflows.getStatus(threadId)).toMatchObject({
      status: 'completed',
      state: { id: 'cross', steps: ['plan', 'write', 'review'] },
    });
  });

  it('resumes a run cancelled before any worker fetched it', async () => {
    const store = new RedisCheckpointStore({ client: redis, keyPrefix: 'requeue:' });
    const graphs = { review: graphOf(store) };
    const web = await startApp({
      connection,
      queueName: 'wf-c-requeue',
      graphs,
      processJobs: false,
    });
    const workflows = web.get(WorkflowQueue);
    const { threadId, jobId } = await workflows.enqueue('review', { input: { id: 'requeue' } });
    await workflows.cancel(threadId);

    expect(await workflows.resume(threadId)).toMatchObject({ status: 'queued' });
    await startApp({ connection, queueName: 'wf-c-requeue', graphs });
    await finished('wf-c-requeue', jobId);
    expect(await counts('requeue')).toEqual({ plan: '1', write: '1', review: '1' });
  });

  it('of two resumes at once, one retries the job and the other gets a typed error', async () => {
    const store = new RedisCheckpointStore({ client: redis, keyPrefix: 'twice:' });
    const graphs = { review: graphOf(store) };
    const options = { connection, queueName: 'wf-c-twice' };
    const web = await startApp({ ...options, graphs, processJobs: false });
    const workflows = web.get(WorkflowQueue);
    const { threadId, jobId } = await workflows.enqueue('review', { input: { id: 'twice' } });
    await workflows.cancel(threadId);
    await startApp({ ...options, graphs });
    await expect(finished('wf-c-twice', jobId)).rejects.toThrow(/was cancelled/);

    const results = await Promise.allSettled([
      workflows.resume(threadId),
      workflows.resume(threadId),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused?.reason).toBeInstanceOf(WorkflowRunStateError);
    expect(refused?.reason).toMatchObject({ action: 'resume', threadId });
    await finished('wf-c-twice', jobId);
    expect(await counts('twice')).toEqual({ plan: '1', write: '1', review: '1' });
  });

  it('refuses a completed run, a queued one, a pruned job and an unknown thread with typed errors', async () => {
    const store = new RedisCheckpointStore({ client: redis, keyPrefix: 'refuse:' });
    const graphs = { review: graphOf(store) };
    const web = await startApp({
      connection,
      queueName: 'wf-c-refuse',
      graphs,
      processJobs: false,
    });
    const workflows = web.get(WorkflowQueue);

    await expect(workflows.cancel('never-enqueued')).rejects.toThrow(CheckpointNotFoundError);
    await expect(workflows.resume('never-enqueued')).rejects.toThrow(CheckpointNotFoundError);

    const queued = await workflows.enqueue('review', { input: { id: 'refuse-q' } });
    await expect(workflows.resume(queued.threadId)).rejects.toMatchObject({
      name: 'WorkflowRunStateError',
      action: 'resume',
      status: 'queued',
    });

    const { threadId, jobId } = await workflows.enqueue('review', { input: { id: 'refuse' } });
    await startApp({ connection, queueName: 'wf-c-refuse', graphs });
    await finished('wf-c-refuse', jobId);
    const cancel = workflows.cancel(threadId);
    await expect(cancel).rejects.toThrow(WorkflowRunStateError);
    await expect(cancel).rejects.toMatchObject({ action: 'cancel', status: 'completed' });
    await expect(workflows.resume(threadId)).rejects.toMatchObject({ status: 'completed' });

    // A failed run whose job BullMQ pruned: only the graph itself can continue it.
    const pruned = 'refuse-pruned';
    const failing = graphOf(store, () => Promise.reject(new Error('write failed')));
    await expect(failing.run({ id: pruned }, { threadId: pruned })).rejects.toThrow();
    expect(await workflows.getStatus(pruned)).toMatchObject({ status: 'failed', path: ['plan'] });
    // Nothing runs it: a cancel has nothing to stop.
    expect(await workflows.cancel(pruned)).toMatchObject({ status: 'failed' });
    await expect(workflows.resume(pruned)).rejects.toMatchObject({
      name: 'WorkflowRunStateError',
      jobGone: true,
      message: expect.stringContaining('compiledGraph.resume("refuse-pruned")') as unknown,
    });
  });
});
