/** The progress of a graph run after a superstep: enough to resume it. JSON-safe when S is. */
export interface GraphCheckpoint<S = unknown> {
  readonly threadId: string;
  /** The state after the superstep. */
  readonly state: S;
  /** The nodes to run next (empty once the run reached END). */
  readonly next: readonly string[];
  /** The nodes run so far. */
  readonly path: readonly string[];
  /** Join targets by the sources that have run since the join last fired. */
  readonly joins: Readonly<Record<string, readonly string[]>>;
  /** Whether the run has finished. */
  readonly done: boolean;
}

/**
 * Where graph runs save a checkpoint after every superstep (each node of a sequential graph), so
 * that a failed or interrupted run can `resume(threadId)` where it stopped. Implement it over
 * any database; `InMemoryCheckpointStore` is the in-process one.
 */
export abstract class CheckpointStore {
  /** Saves the latest checkpoint of a thread. */
  abstract save(checkpoint: GraphCheckpoint): Promise<void>;
  /** The latest checkpoint of a thread, or `undefined`. */
  abstract load(threadId: string): Promise<GraphCheckpoint | undefined>;
}
