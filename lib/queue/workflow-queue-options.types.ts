import type { CheckpointStore } from '../flow/graph/checkpoint.store';
import type { GraphRunResult } from '../flow/graph/graph.types';
import type { ConduitQueueModuleOptions } from './queue-options.types';

/**
 * What the workflow queue uses of a graph: a `CompiledGraph` of any state type fits (the queue
 * cannot name one state type for all of its graphs, so it asks for this shape instead).
 */
export interface QueueableGraph {
  /** The store its checkpoints go to: the queue needs one shared by every worker. */
  readonly checkpointStore: CheckpointStore | undefined;
  /** `CompiledGraph.run` (the input is the job's, as JSON). */
  run(
    input: never,
    options: { readonly threadId: string; readonly signal?: AbortSignal },
  ): Promise<GraphRunResult<unknown>>;
  /** `CompiledGraph.resume`. */
  resume(
    threadId: string,
    options: { readonly signal?: AbortSignal },
  ): Promise<GraphRunResult<unknown>>;
}

/**
 * Options of `ConduitWorkflowQueueModule.forRoot()`: the queue settings of `ConduitQueueModule`
 * (`connection`, `queueName`, `concurrency`, `jobOptions`, `worker`, `processJobs`) and the graphs.
 *
 * @example
 * ConduitWorkflowQueueModule.forRoot({
 *   connection: { host: '127.0.0.1', port: 6379 },
 *   graphs: { research: researchGraph },
 *   concurrency: 4,
 * });
 */
export interface WorkflowQueueModuleOptions extends ConduitQueueModuleOptions {
  /**
   * The graphs a job may name, by name. Graphs are code, so a worker runs only the graphs it was
   * given here: every replica registers the same ones. Each must be compiled with a shared
   * `checkpointStore` (`RedisCheckpointStore` or `PostgresCheckpointStore`): it is how another
   * worker continues a run whose worker died. Default queue name `conduit-workflows`.
   */
  readonly graphs: Readonly<Record<string, QueueableGraph>>;
  /** How long a job waits before it tries again when another run holds its thread, ms. Default 1,000. */
  readonly claimRetryDelayMs?: number;
}
