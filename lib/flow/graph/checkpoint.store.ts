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
  /**
   * The checkpoint's number in its thread: 0 for the first one, then 1, 2... A save that gives it
   * is conditional (it must be the thread's latest step + 1, or `CheckpointConflictError`); a save
   * without it is appended after the latest. Always set on a loaded checkpoint.
   */
  readonly step?: number;
  /** The step this one continues from when it does not continue the latest (a resume `fromStep`). */
  readonly parentStep?: number;
  /** When the store saved it (ms since the epoch, the store's clock). Set on a loaded checkpoint. */
  readonly createdAt?: number;
}

/** A checkpoint as a store gives it back: numbered and dated. */
export interface StoredCheckpoint<S = unknown> extends GraphCheckpoint<S> {
  readonly step: number;
  readonly createdAt: number;
}

/** Options of `CheckpointStore.load`. */
export interface LoadCheckpointOptions {
  /** The checkpoint of this step (time travel) instead of the latest. */
  readonly step?: number;
}

/** Options of `CheckpointStore.save`. */
export interface SaveCheckpointOptions {
  /** The claim holder writing (see `claim`): a thread claimed by someone else refuses the save. */
  readonly owner?: string;
}

/** Options of `CheckpointStore.claim`. */
export interface ClaimCheckpointOptions {
  /** Who claims: an id unique to this run (graph runs use a random UUID). */
  readonly owner: string;
  /** The latest step the claimer has seen; `undefined` for a thread with no checkpoint yet. */
  readonly latestStep: number | undefined;
}

/**
 * Where graph runs save a checkpoint after every superstep (each node of a sequential graph), so
 * that a failed or interrupted run can `resume(threadId)` where it stopped, or from any earlier
 * step (time travel). Every checkpoint of a thread is kept (up to the store's `keepLast`), numbered
 * by `step`.
 *
 * The contract, for every implementation:
 * - `save` is atomic and conditional: a checkpoint with `step` is written only when it is the
 *   thread's latest step + 1 and the thread is not claimed by another owner; otherwise it throws
 *   `CheckpointConflictError` and writes nothing. Two writers racing for the same step: exactly
 *   one wins.
 * - `claim` is how a run takes a thread before running any node (so a lost race costs no side
 *   effect): it succeeds only when `latestStep` is still the latest and no other owner holds a live
 *   claim (claims expire `leaseMs` after their last write, so a crashed worker does not block the
 *   thread for ever). `release` gives the thread back.
 * - A stored value that cannot be read back throws `CheckpointCorruptError`, and nothing is
 *   overwritten. An unknown thread or step loads as `undefined` and lists as `[]`.
 */
export abstract class CheckpointStore {
  /** Saves a checkpoint of a thread and resolves with it as stored (numbered and dated). */
  abstract save(
    checkpoint: GraphCheckpoint,
    options?: SaveCheckpointOptions,
  ): Promise<StoredCheckpoint>;
  /** The latest checkpoint of a thread, or the one of `options.step`; `undefined` when there is none. */
  abstract load(
    threadId: string,
    options?: LoadCheckpointOptions,
  ): Promise<StoredCheckpoint | undefined>;
  /** Every checkpoint kept for a thread, oldest first (`[]` for an unknown thread). */
  abstract list(threadId: string): Promise<StoredCheckpoint[]>;
  /** Takes a thread for one run, or throws `CheckpointConflictError` (see the class comment). */
  abstract claim(threadId: string, options: ClaimCheckpointOptions): Promise<void>;
  /** Gives a claimed thread back (nothing when `owner` no longer holds it). */
  abstract release(threadId: string, owner: string): Promise<void>;
}
