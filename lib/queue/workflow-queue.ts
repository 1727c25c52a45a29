import { randomUUID } from 'node:crypto';
import type { Job, JobsOptions, Queue } from 'bullmq';
import { ConduitValidationError } from '../core/errors/conduit-validation.error';
import { checkCheckpointInput } from '../flow/checkpoints/check-checkpoint-input';
import { CheckpointNotFoundError } from '../flow/checkpoints/checkpoint-not-found.error';
import type { CheckpointStore, StoredCheckpoint } from '../flow/graph/checkpoint.store';
import type {
  EnqueuedWorkflow,
  WorkflowJobData,
  WorkflowRunStatus,
  WorkflowRunStatusName,
} from './workflow-job.types';
import type { QueueableGraph } from './workflow-queue-options.types';
import type { RunCancellations } from './run-cancellations';
import { WorkflowRunStateError } from './workflow-run-state.error';

/** Options of `WorkflowQueue.enqueue()`. */
export interface EnqueueWorkflowOptions {
  /** The run's input state: JSON (BullMQ stores job data as JSON). */
  readonly input: unknown;
  /** The checkpoint thread of the run: a new one. Default: a random UUID. */
  readonly threadId?: string;
  /** BullMQ options of this job (over the module's `jobOptions`): `priority`, `delay`... */
  readonly jobOptions?: Omit<JobsOptions, 'jobId'>;
}

/** BullMQ job states that mean "not started yet, or waiting to try again". */
const QUEUED_STATES = new Set(['waiting', 'wait', 'delayed', 'prioritized', 'waiting-children']);

/**
 * Background graph runs on BullMQ (from `nestjs-conduit/queue`): `enqueue(name, { input })`
 * resolves with the run's `threadId` at once; a worker of any replica runs the graph registered
 * under `name` with `threadId`, saving a checkpoint after every superstep in the graph's shared
 * store. When that worker dies, BullMQ hands the job to another, which resumes the thread from its
 * last checkpoint. `getStatus(threadId)` tells where a run is; `cancel(threadId)` stops it from
 * any replica and `resume(threadId)` continues it from its last checkpoint.
 *
 * @example
 * const { threadId } = await workflows.enqueue('research', { input: { topic: 'EV market' } });
 * const { status, state } = await workflows.getStatus(threadId);
 * await workflows.cancel(threadId); // status: 'cancelled'
 * await workflows.resume(threadId); // a worker continues from the last checkpoint
 */
export class WorkflowQueue {
  /** @internal Made by `ConduitWorkflowQueueModule`; inject `WorkflowQueue` instead. */
  constructor(
    protected readonly queue: Queue<WorkflowJobData>,
    protected readonly graphs: ReadonlyMap<string, QueueableGraph>,
    private readonly cancellations: RunCancellations,
  ) {}

  /** The names of the registered graphs. */
  get graphNames(): readonly string[] {
    return [...this.graphs.keys()];
  }

  /**
   * Adds the job of a new run of the graph registered as `name` and resolves before any node
   * runs. An unknown `name`, a bad `threadId`, or a thread that already has a job or a checkpoint
   * throws `ConduitValidationError` (a thread is one run: resume a stopped one with
   * `compiledGraph.resume(threadId)`). Of concurrent calls for one `threadId`, one adds its job
   * and the others throw that error.
   */
  async enqueue(name: string, options: EnqueueWorkflowOptions): Promise<EnqueuedWorkflow> {
    const graph = this.graphs.get(name);
    if (graph === undefined) {
      throw new ConduitValidationError(
        [
          {
            path: 'name',
            message: `no graph is registered as ${JSON.stringify(name)} (registered: ${this.graphNames.join(', ')})`,
          },
        ],
        'Cannot enqueue the graph run',
      );
    }
    const threadId = options.threadId ?? randomUUID();
    checkCheckpointInput(threadId);
    const jobId = jobIdOf(threadId);
    // BullMQ keeps the first job of an id and ignores a second add: say so instead.
    const taken =
      (await this.queue.getJob(jobId)) !== undefined ||
      (await (graph.checkpointStore as CheckpointStore).load(threadId)) !== undefined;
    if (taken) throw threadTaken(threadId);
    // Concurrent calls for one thread can all pass the check above. BullMQ's add is atomic but
    // answers a duplicate id as if it had added it (and its Job holds the caller's data, not the
    // stored one), so the job read back from Redis tells whose input won.
    const enqueueId = randomUUID();
    await this.queue.add(
      'graph',
      { graph: name, threadId, input: options.input, enqueueId },
      { ...options.jobOptions, jobId },
    );
    const stored = await this.queue.getJob(jobId);
    // A job already gone cannot be proven ours: refusing is safer than dropping an input silently.
    if (stored?.data.enqueueId !== enqueueId) throw threadTaken(threadId);
    return { threadId, jobId };
  }

  /**
   * Where the run of `threadId` is: its job's state and its latest checkpoint. A thread with
   * neither a job nor a checkpoint throws `CheckpointNotFoundError`.
   */
  async getStatus(threadId: string): Promise<WorkflowRunStatus> {
    return (await this.lookUp(threadId)).status;
  }

  /** The run's job (with its state) and status, read once for `getStatus`, `cancel` and `resume`. */
  private async lookUp(threadId: string): Promise<RunLookUp> {
    checkCheckpointInput(threadId);
    const job = await this.queue.getJob(jobIdOf(threadId));
    const graphName = job?.data.graph;
    const known = graphName === undefined ? undefined : this.graphs.get(graphName);
    // Once BullMQ dropped the job, the graph is unknown: look in every store the graphs use.
    const stores = new Set(
      (known === undefined ? [...this.graphs.values()] : [known]).map(
        (graph) => graph.checkpointStore as CheckpointStore,
      ),
    );
    let checkpoint: StoredCheckpoint | undefined;
    for (const store of stores) {
      checkpoint = await store.load(threadId);
      if (checkpoint !== undefined) break;
    }
    if (job === undefined && checkpoint === undefined) throw new CheckpointNotFoundError(threadId);
    const jobState = job === undefined ? undefined : await job.getState();
    const status: WorkflowRunStatus = {
      threadId,
      status: statusOf(checkpoint, jobState, job?.data.cancelled === true),
      graph: graphName,
      step: checkpoint?.step,
      state: checkpoint?.state,
      path: checkpoint?.path ?? [],
      next: checkpoint?.next ?? [],
      attemptsMade: job?.attemptsMade,
      failedReason: job?.failedReason === '' ? undefined : job?.failedReason,
    };
    return { job, jobState, status };
  }

  /**
   * Stops the run of `threadId` from any replica. A queued run never starts; a running one has its
   * signal aborted at once by the worker driving it (its nodes' `context.signal` fires, in-flight
   * model calls abort), and its job fails without retries, its reason saying it was cancelled.
   * The cancel is written in the job first, then published to the workers, so a worker that
   * fetches the job in between still sees it. Resolves with the status (`cancelled`). Cancelling a
   * cancelled run again is harmless; a completed run throws `WorkflowRunStateError`, an unknown
   * thread `CheckpointNotFoundError`. A run whose job BullMQ no longer keeps runs nowhere: its
   * status is returned as it is.
   */
  async cancel(threadId: string): Promise<WorkflowRunStatus> {
    const { job, status: before } = await this.lookUp(threadId);
    if (before.status === 'completed') {
      throw new WorkflowRunStateError(threadId, 'cancel', 'completed');
    }
    if (job === undefined) return before;
    if (job.data.cancelled !== true) await job.updateData({ ...job.data, cancelled: true });
    // Published even when the job was flagged already: harmless, and it reaches a worker that
    // started the job after a first message was lost.
    await this.cancellations.publish(threadId);
    return this.getStatus(threadId);
  }

  /**
   * Lets a worker continue a cancelled or failed run from its last checkpoint: clears the cancel
   * and retries the job (with its attempts counted from zero again). Nodes checkpointed before
   * the stop are not run again. Resolves with the status (`queued`). Throws
   * `WorkflowRunStateError` for a run that completed, is queued or running, is still stopping
   * from a cancel, or whose job BullMQ no longer keeps (continue that one with
   * `compiledGraph.resume(threadId)`); `CheckpointNotFoundError` for an unknown thread.
   */
  async resume(threadId: string): Promise<WorkflowRunStatus> {
    const { job, jobState, status: before } = await this.lookUp(threadId);
    if (before.status === 'completed') {
      throw new WorkflowRunStateError(threadId, 'resume', 'completed');
    }
    if (job === undefined) throw new WorkflowRunStateError(threadId, 'resume', before.status, true);
    if (jobState === 'failed') {
      await uncancel(job);
      try {
        await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
      } catch (error: unknown) {
        // Another resume() retried the job between the check above and this retry: BullMQ refuses
        // a job no longer failed. Answer as a resume of a run in that state would be answered.
        const now = await this.getStatus(threadId);
        if (now.status === 'failed' || now.status === 'cancelled') throw error;
        throw new WorkflowRunStateError(threadId, 'resume', now.status);
      }
    } else if (
      job.data.cancelled === true &&
      jobState !== undefined &&
      QUEUED_STATES.has(jobState)
    ) {
      // Cancelled before any worker fetched it: it is still in the queue, unflagged it simply runs.
      await uncancel(job);
    } else {
      throw new WorkflowRunStateError(threadId, 'resume', before.status);
    }
    return this.getStatus(threadId);
  }
}

/** What `WorkflowQueue.lookUp` read of a run: its job, if BullMQ keeps it, and its status. */
interface RunLookUp {
  readonly job: Job<WorkflowJobData> | undefined;
  readonly jobState: string | undefined;
  readonly status: WorkflowRunStatus;
}

/** Clears a cancel from the job's data. */
async function uncancel(job: Job<WorkflowJobData>): Promise<void> {
  if (job.data.cancelled !== true) return;
  const { cancelled: _cancelled, ...data } = job.data;
  await job.updateData(data);
}

/** The error of an enqueue for a thread that already has a job or a checkpoint. */
function threadTaken(threadId: string): ConduitValidationError {
  return new ConduitValidationError(
    [
      {
        path: 'threadId',
        message: `thread ${JSON.stringify(threadId)} already has a run: use a new threadId, or compiledGraph.resume(threadId) to continue it`,
      },
    ],
    'Cannot enqueue the graph run',
  );
}

/** The BullMQ job id of a thread's run: one job a thread (encoded: BullMQ refuses ":" in ids). */
function jobIdOf(threadId: string): string {
  return `graph-${encodeURIComponent(threadId)}`;
}

function statusOf(
  checkpoint: StoredCheckpoint | undefined,
  jobState: string | undefined,
  cancelled: boolean,
): WorkflowRunStatusName {
  if (checkpoint?.done === true || jobState === 'completed') return 'completed';
  // Still active too: the worker that runs it is stopping (its signal is aborted).
  if (cancelled) return 'cancelled';
  if (jobState === 'active') return 'running';
  if (jobState !== undefined && QUEUED_STATES.has(jobState)) return 'queued';
  // Failed for good, or the job is gone (pruned by removeOnFail) with the thread unfinished.
  return 'failed';
}
