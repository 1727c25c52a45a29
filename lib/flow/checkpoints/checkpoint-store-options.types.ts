/**
 * Bounds shared by every checkpoint store. Each has a default, so no thread grows or lives without
 * end; pass `Infinity` to lift one.
 */
export interface CheckpointStoreOptions {
  /**
   * Checkpoints kept per thread, newest first: saving step n deletes step n - keepLast (in the
   * same atomic write). Default 100. Time travel reaches only the steps kept.
   */
  readonly keepLast?: number;
  /** A thread is forgotten this many ms after its last write (sliding). Default 7 days. */
  readonly ttlMs?: number;
  /**
   * How long a run's claim on a thread lasts after its last write (default 60 s). A worker that
   * crashed mid-run blocks the thread this long at most; a node that runs longer than this lets
   * another worker take the thread, and the first one's next save then fails with
   * `CheckpointConflictError` (never two histories).
   */
  readonly leaseMs?: number;
  /** The clock (ms since the epoch) for `createdAt`, leases and expiry. Default `Date.now`. */
  readonly now?: () => number;
}

/** Default `keepLast`. */
export const DEFAULT_CHECKPOINT_KEEP_LAST = 100;
/** Default `ttlMs`: 7 days. */
export const DEFAULT_CHECKPOINT_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/** Default `leaseMs`. */
export const DEFAULT_CHECKPOINT_LEASE_MS = 60_000;
