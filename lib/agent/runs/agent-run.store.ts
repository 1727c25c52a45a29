import type { AgentRunState } from './agent-run-state.types';

/** Options of `AgentRunStore.prune`. */
export interface PruneRunsOptions {
  /**
   * Removes final runs (completed, failed, cancelled) last saved this many ms ago or earlier
   * (`0`: every final run). A non-negative number.
   */
  readonly olderThanMs: number;
}

/**
 * Where durable agent runs are kept. Implementations: `InMemoryAgentRunStore` (the default, one
 * process), `RedisAgentRunStore`, `PostgresAgentRunStore`; subclass to add your own and pass it as
 * `ConduitModule.forRoot({ runs: { store } })`. Also the injection token of the configured store.
 *
 * The contract (test/support/agent-run-store-contract.ts checks it on every store):
 * - `create` writes a new run with `version: 1`; an existing `runId` is a `RunAlreadyExistsError`;
 * - `get` returns the state, `undefined` when unknown, and throws `CorruptRunStateError` when the
 *   stored data is not a run state (nothing is overwritten or deleted);
 * - `save` is an atomic compare-and-set: it writes `state` with `version: expectedVersion + 1`
 *   only if the stored version is `expectedVersion`, else `RunConflictError`; `RunNotFoundError`
 *   when the run is gone;
 * - every store has bounds: the size of one state (`RunStateTooLargeError`) and how long or how
 *   many runs are kept.
 */
export abstract class AgentRunStore {
  /** Writes a new run (its `version` is set to 1). */
  abstract create(state: AgentRunState): Promise<AgentRunState>;

  /** The run, or `undefined` when it does not exist (or expired). */
  abstract get(runId: string): Promise<AgentRunState | undefined>;

  /**
   * Writes `state` if the stored version is still `expectedVersion`; resolves with what was
   * saved (`version: expectedVersion + 1`, `updatedAt` now).
   */
  abstract save(state: AgentRunState, expectedVersion: number): Promise<AgentRunState>;

  /** Removes a run; `true` when it existed. */
  abstract delete(runId: string): Promise<boolean>;

  /** Removes final runs older than `olderThanMs`; resolves with how many were removed. */
  abstract prune(options: PruneRunsOptions): Promise<number>;
}
