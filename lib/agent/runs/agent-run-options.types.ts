import type { AgentRunOptions, ToolApprover } from '../agent-options.types';
import type { AgentEvent } from '../agent-event.types';
import type { ConduitInterceptor } from '../../core';
import type { AgentRunEventSink } from './agent-run-event-sink';
import type { AgentRunState } from './agent-run-state.types';
import type { AgentRunStore } from './agent-run.store';

/** Options of `AgentService.start()` and `createRun()`: a run's options plus its id. */
export interface AgentStartOptions extends AgentRunOptions {
  /** The run's id (default: a random UUID). Taken already: `RunAlreadyExistsError`. */
  readonly runId?: string;
  /** The agent's name, stored in `spec.agent` (set by `ConduitAgent.start`). */
  readonly agent?: string;
}

/**
 * The process-local parts of a run that cannot be stored (callbacks, signals, interceptors,
 * headers): given again to whichever call continues it.
 */
export interface RunControls {
  /** Stops this process's work on the run (e.g. shutdown); the run stays `running` for another worker. */
  readonly signal?: AbortSignal;
  /** Every event of the run, as it happens in this process. */
  readonly onEvent?: (event: AgentEvent) => void;
  /**
   * Decides on tools declared `requiresApproval` in process; without it the run suspends
   * (`awaiting-approval`) until `resume()`.
   */
  readonly approve?: ToolApprover;
  /** Interceptors for the model calls (inside the module's). */
  readonly interceptors?: readonly ConduitInterceptor[];
  /** Interceptors for the tool calls (inside the module's). */
  readonly toolInterceptors?: readonly ConduitInterceptor[];
  /** Extra HTTP headers of every model call (never stored). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** Options of `AgentService.continueRun()`. */
export type ContinueRunOptions = RunControls;

/** Options of `AgentService.resume()`: a decision for every pending tool call. */
export interface ResumeRunOptions extends RunControls {
  /** `{ [toolCallId]: true }` runs the tool, `false` sends the model a "not approved" result. */
  readonly approvals: Readonly<Record<string, boolean>>;
}

/**
 * The durable-run methods of `AgentService` (what a background worker or an event log builds on).
 * Every method reads and writes the configured `AgentRunStore`, so any replica may call any of
 * them for any run.
 */
export interface DurableAgentRuns {
  /** Creates the run and runs it until it completes, suspends on approvals or fails. */
  start(options: AgentStartOptions): Promise<AgentRunState>;
  /** Records the decisions of an `awaiting-approval` run and continues it. */
  resume(runId: string, options: ResumeRunOptions): Promise<AgentRunState>;
  /** The saved state (`RunNotFoundError` when unknown). */
  getRun(runId: string): Promise<AgentRunState>;
  /** Marks the run `cancelled`; a process running it stops at its next save. */
  cancel(runId: string): Promise<AgentRunState>;
  /** Creates the run (`queued`) without running it, e.g. for a background worker. */
  createRun(options: AgentStartOptions): Promise<AgentRunState>;
  /**
   * Runs a `queued` or `running` run from its saved state until it completes, suspends or fails.
   * Safe after a crash: saved tool results are reused, interrupted tools follow the exactly-once
   * rules (see docs/durable-runs.md).
   */
  continueRun(runId: string, options?: ContinueRunOptions): Promise<AgentRunState>;
}

/**
 * `ConduitModule.forRoot({ runs })`: where durable runs are kept and where their events go.
 *
 * @example
 * ```ts
 * ConduitModule.forRoot({
 *   models: { default: { provider: 'openai', model: 'gpt-4o-mini' } },
 *   runs: { store: new RedisAgentRunStore({ client: new Redis(process.env.REDIS_URL) }) },
 * });
 * ```
 */
export interface ConduitRunsOptions {
  /** Default: an `InMemoryAgentRunStore` (one process, bounded). */
  readonly store?: AgentRunStore;
  /** Receives every event of every durable run (e.g. a Redis Stream for other replicas). */
  readonly events?: AgentRunEventSink;
}

/** The runs part of `ConduitModuleOptions` (its `runs` field). */
export interface RunsModuleOptions {
  /** Durable agent runs: the store and an optional event sink. See `ConduitRunsOptions`. */
  readonly runs?: ConduitRunsOptions;
}
