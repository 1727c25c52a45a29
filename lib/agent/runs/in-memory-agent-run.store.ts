import {
  ConduitValidationError,
  type ValidationIssue,
} from '../../core/errors/conduit-validation.error';
import { checkLimit } from '../../core/store-limits';
import type { AgentRunState } from './agent-run-state.types';
import {
  checkPruneOptions,
  DEFAULT_MAX_RUN_STATE_BYTES,
  DEFAULT_MAX_RUNS,
  DEFAULT_RUN_TTL_MS,
  serializeRunState,
  type AgentRunStoreLimits,
} from './agent-run-store-limits';
import { AgentRunStore, type PruneRunsOptions } from './agent-run.store';
import { RunAlreadyExistsError } from './errors/run-already-exists.error';
import { RunConflictError } from './errors/run-conflict.error';
import { RunNotFoundError } from './errors/run-not-found.error';
import { isFinalRunStatus, parseRunState } from './parse-run-state';

/** Options of `InMemoryAgentRunStore`. */
export interface InMemoryAgentRunStoreOptions extends AgentRunStoreLimits {
  /**
   * Most runs kept (default 10,000; `Infinity`: no limit). Past it, the run saved least recently
   * is dropped, whatever its status: this store is for one process and for tests.
   */
  readonly maxRuns?: number;
  /** Milliseconds since the epoch; override in tests (default `Date.now`). */
  readonly now?: () => number;
}

/** Runs `work` now; its value or its throw as a promise (the store's methods never throw synchronously). */
function settle<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error: unknown) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

interface Entry {
  readonly json: string;
  readonly version: number;
  readonly final: boolean;
  readonly savedAt: number;
}

/**
 * The default `AgentRunStore`: runs in this process's memory, as JSON (so a caller can never
 * change a stored state by mutating an object it holds). Lost on restart and not shared between
 * replicas: use `RedisAgentRunStore` or `PostgresAgentRunStore` for that. Bounded: `maxRuns`,
 * `ttlMs` and `maxStateBytes`.
 */
export class InMemoryAgentRunStore extends AgentRunStore {
  protected readonly runs = new Map<string, Entry>();
  protected readonly maxRuns: number;
  protected readonly maxStateBytes: number;
  protected readonly ttlMs: number;
  /** The clock of `ttlMs` and the saved times (milliseconds since the epoch). */
  protected readonly now: () => number;

  constructor(options: InMemoryAgentRunStoreOptions = {}) {
    super();
    const issues: ValidationIssue[] = [];
    checkLimit(options.maxRuns, 'maxRuns', issues);
    checkLimit(options.maxStateBytes, 'maxStateBytes', issues);
    checkLimit(options.ttlMs, 'ttlMs', issues);
    if (options.now !== undefined && typeof options.now !== 'function') {
      issues.push({ path: 'now', message: 'must be a function returning milliseconds' });
    }
    if (issues.length > 0) {
      throw new ConduitValidationError(issues, 'Invalid InMemoryAgentRunStore options');
    }
    this.maxRuns = options.maxRuns ?? DEFAULT_MAX_RUNS;
    this.maxStateBytes = options.maxStateBytes ?? DEFAULT_MAX_RUN_STATE_BYTES;
    this.ttlMs = options.ttlMs ?? DEFAULT_RUN_TTL_MS;
    this.now = options.now ?? Date.now;
  }

  create(state: AgentRunState): Promise<AgentRunState> {
    return settle(() => this.createNow(state));
  }

  get(runId: string): Promise<AgentRunState | undefined> {
    return settle(() => {
      const entry = this.live(runId);
      return entry === undefined ? undefined : parseRunState(runId, entry.json);
    });
  }

  save(state: AgentRunState, expectedVersion: number): Promise<AgentRunState> {
    return settle(() => this.saveNow(state, expectedVersion));
  }

  delete(runId: string): Promise<boolean> {
    return settle(() => this.runs.delete(runId));
  }

  prune(options: PruneRunsOptions): Promise<number> {
    return settle(() => this.pruneNow(options));
  }

  private createNow(state: AgentRunState): AgentRunState {
    if (this.live(state.runId) !== undefined) throw new RunAlreadyExistsError(state.runId);
    const at = this.now();
    const stamp = new Date(at).toISOString();
    const saved: AgentRunState = { ...state, version: 1, createdAt: stamp, updatedAt: stamp };
    this.put(saved, at);
    return saved;
  }

  private saveNow(state: AgentRunState, expectedVersion: number): AgentRunState {
    const entry = this.live(state.runId);
    if (entry === undefined) throw new RunNotFoundError(state.runId);
    if (entry.version !== expectedVersion) {
      throw new RunConflictError(state.runId, expectedVersion, entry.version);
    }
    const at = this.now();
    const saved: AgentRunState = {
      ...state,
      version: expectedVersion + 1,
      updatedAt: new Date(at).toISOString(),
    };
    this.put(saved, at);
    return saved;
  }

  private pruneNow(options: PruneRunsOptions): number {
    const before = this.now() - checkPruneOptions(options);
    let removed = 0;
    for (const [runId, entry] of this.runs) {
      if (entry.final && entry.savedAt <= before) {
        this.runs.delete(runId);
        removed += 1;
      }
    }
    return removed;
  }

  /** The entry, unless it expired (then it is dropped). */
  private live(runId: string): Entry | undefined {
    const entry = this.runs.get(runId);
    if (entry === undefined) return undefined;
    if (Number.isFinite(this.ttlMs) && this.now() - entry.savedAt > this.ttlMs) {
      this.runs.delete(runId);
      return undefined;
    }
    return entry;
  }

  private put(state: AgentRunState, at: number): void {
    const json = serializeRunState(state, this.maxStateBytes);
    // Re-inserted so that the Map's order is the order of the last save (oldest first).
    this.runs.delete(state.runId);
    this.runs.set(state.runId, {
      json,
      version: state.version,
      final: isFinalRunStatus(state.status),
      savedAt: at,
    });
    while (this.runs.size > this.maxRuns) {
      const oldest = this.runs.keys().next().value;
      if (oldest === undefined) break;
      this.runs.delete(oldest);
    }
  }
}
