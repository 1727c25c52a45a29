/** The data of a background graph run job: which registered graph, which thread, its input. */
export interface WorkflowJobData {
  /** The name the graph is registered under (`ConduitWorkflowQueueModule.forRoot({ graphs })`). */
  readonly graph: string;
  /** The checkpoint thread the run saves under and resumes from. */
  readonly threadId: string;
  /** The run's input state (JSON: BullMQ stores job data as JSON). */
  readonly input: unknown;
  /**
   * A random id of the `enqueue()` call that added the job: among concurrent enqueues of one
   * thread, the one whose id the stored job holds is the one that was added. Absent on jobs
   * added by earlier versions.
   */
  readonly enqueueId?: string;
  /**
   * Set by `WorkflowQueue.cancel()` before it tells the workers, so that a worker that fetches the
   * job after the cancel message went out still sees it; cleared by `WorkflowQueue.resume()`.
   */
  readonly cancelled?: boolean;
}

/** What a graph run job returns (BullMQ keeps it as the job's return value; the state stays in the checkpoints). */
export interface WorkflowJobResult {
  /** The run's checkpoint thread. */
  readonly threadId: string;
  /** The nodes run, in order. */
  readonly path: readonly string[];
}

/** What `WorkflowQueue.enqueue()` resolves with, at once. */
export interface EnqueuedWorkflow {
  /** The checkpoint thread of the run: `getStatus(threadId)`, `compiledGraph.resume(threadId)`. */
  readonly threadId: string;
  /** The BullMQ job id (`graph-<threadId>`, the thread id URI-encoded). */
  readonly jobId: string;
}

/** Where a background graph run is. */
export type WorkflowRunStatusName = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';

/** What `WorkflowQueue.getStatus()` resolves with: the job's state and the thread's latest checkpoint. */
export interface WorkflowRunStatus {
  /** The run's checkpoint thread. */
  readonly threadId: string;
  /**
   * `queued` (waiting, or delayed for a retry), `running`, `completed` (the thread's checkpoint
   * reached END), `failed` (attempts used up, or the job is gone with the thread unfinished) or
   * `cancelled` (by `WorkflowQueue.cancel()`, until `resume()`; also while the worker that ran it
   * is still stopping).
   */
  readonly status: WorkflowRunStatusName;
  /** The graph name, while BullMQ still keeps the job (`removeOnComplete` / `removeOnFail`). */
  readonly graph: string | undefined;
  /** The latest checkpoint's step (`undefined` before the first superstep finished). */
  readonly step: number | undefined;
  /** The state of the latest checkpoint (`undefined` before the first one). */
  readonly state: unknown;
  /** The nodes run so far. */
  readonly path: readonly string[];
  /** The nodes the run continues with (empty once done). */
  readonly next: readonly string[];
  /** Attempts BullMQ has made so far (`undefined` once the job is gone). */
  readonly attemptsMade: number | undefined;
  /** The last error of a failed attempt, as BullMQ recorded it. */
  readonly failedReason: string | undefined;
}
