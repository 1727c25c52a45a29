import { randomUUID } from 'node:crypto';
import type { JobsOptions, Queue } from 'bullmq';
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
 * last checkpoint. `getStatus(threadId)` tells where a run is.
 *
 * @example
 * const { threadId } = await workflows.enqueue('research', { input: { topic: 'EV market' } });
 * const { status, state } = await workflows.getStatus(threadId);
 */
export class WorkflowQueue {
  /** @internal Made by `ConduitWorkflowQueueModule`; inject `WorkflowQueue` instead. */
  constructor(
    protected readonly queue: Queue<WorkflowJobData>,
    protected readonly graphs: ReadonlyMap<string, QueueableGraph>,
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
    return {
      threadId,
      status: statusOf(checkpoint, jobState),
      graph: graphName,
      step: checkpoint?.step,
      state: checkpoint?.state,
      path: checkpoint?.path ?? [],
      next: checkpoint?.next ?? [],
      attemptsMade: job?.attemptsMade,
      failedReason: job?.failedReason === '' ? undefined : job?.failedReason,
    };
  }
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
): WorkflowRunStatusName {
  if (checkpoint?.done === true || jobState === 'completed') return 'completed';
  if (jobState === 'active') return 'running';
  if (jobState !== undefined && QUEUED_STATES.has(jobState)) return 'queued';
  // Failed for good, or the job is gone (pruned by removeOnFail) with the thread unfinished.
  return 'failed';
}
