import {
  ConduitValidationError,
  type ValidationIssue,
} from '../../core/errors/conduit-validation.error';
import { checkLimit } from '../../core/store-limits';
import type { AgentRunState } from './agent-run-state.types';
import {
  checkPruneOptions,
  DEFAULT_MAX_RUN_STATE_BYTES,
  DEFAULT_RUN_TTL_MS,
  serializeRunState,
  type AgentRunStoreLimits,
} from './agent-run-store-limits';
import { AgentRunStore, type PruneRunsOptions } from './agent-run.store';
import { RunAlreadyExistsError } from './errors/run-already-exists.error';
import { RunConflictError } from './errors/run-conflict.error';
import { RunNotFoundError } from './errors/run-not-found.error';
import { isFinalRunStatus, parseRunState } from './parse-run-state';
import type { RedisAgentRunClient } from './redis-agent-run-client.types';
import {
  CREATE_RUN_SCRIPT,
  DELETE_RUN_SCRIPT,
  GET_RUN_SCRIPT,
  PRUNE_RUNS_SCRIPT,
  SAVE_RUN_SCRIPT,
} from './redis-agent-run.scripts';

/** Options of `RedisAgentRunStore`. */
export interface RedisAgentRunStoreOptions extends AgentRunStoreLimits {
  /** A connected client, e.g. `new Redis(process.env.REDIS_URL)` from `ioredis`. Not closed by the store. */
  readonly client: RedisAgentRunClient;
  /** Prefix of every key. Default `conduit:run:`. */
  readonly keyPrefix?: string;
}

const PRUNE_BATCH = 500;

/**
 * An `AgentRunStore` in Redis, shared by every replica. Each run is a hash (version + state JSON)
 * written by Lua scripts, so `save` is an atomic compare-and-set on the version: of two replicas
 * resuming one run, exactly one wins. A run expires `ttlMs` after its last save (Redis `PEXPIRE`,
 * default 7 days); a state is at most `maxStateBytes` (default 1 MiB).
 *
 * @example
 * import Redis from 'ioredis';
 * ConduitModule.forRoot({ models, runs: { store: new RedisAgentRunStore({ client: new Redis(url) }) } })
 */
export class RedisAgentRunStore extends AgentRunStore {
  protected readonly client: RedisAgentRunClient;
  protected readonly keyPrefix: string;
  protected readonly maxStateBytes: number;
  /** Sent to the scripts: milliseconds, 0 for no expiry. */
  protected readonly ttlMs: number;

  constructor(options: RedisAgentRunStoreOptions) {
    super();
    const issues: ValidationIssue[] = [];
    if (typeof options?.client?.eval !== 'function') {
      issues.push({ path: 'client', message: 'must be a Redis client with eval (ioredis)' });
    }
    if (options?.keyPrefix !== undefined && typeof options.keyPrefix !== 'string') {
      issues.push({ path: 'keyPrefix', message: 'must be a string' });
    }
    checkLimit(options?.maxStateBytes, 'maxStateBytes', issues);
    checkLimit(options?.ttlMs, 'ttlMs', issues);
    if (issues.length > 0) {
      throw new ConduitValidationError(issues, 'Invalid RedisAgentRunStore options');
    }
    this.client = options.client;
    this.keyPrefix = options.keyPrefix ?? 'conduit:run:';
    this.maxStateBytes = options.maxStateBytes ?? DEFAULT_MAX_RUN_STATE_BYTES;
    const ttl = options.ttlMs ?? DEFAULT_RUN_TTL_MS;
    this.ttlMs = Number.isFinite(ttl) ? ttl : 0;
  }

  async create(state: AgentRunState): Promise<AgentRunState> {
    const stamp = new Date().toISOString();
    const saved: AgentRunState = { ...state, version: 1, createdAt: stamp, updatedAt: stamp };
    const json = serializeRunState(saved, this.maxStateBytes);
    const created = await this.client.eval(
      CREATE_RUN_SCRIPT,
      2,
      this.runKey(state.runId),
      this.finalsKey(),
      json,
      this.ttlMs,
      isFinalRunStatus(state.status) ? 1 : 0,
      Date.now(),
      state.runId,
    );
    if (Number(created) !== 1) throw new RunAlreadyExistsError(state.runId);
    return saved;
  }

  async get(runId: string): Promise<AgentRunState | undefined> {
    const reply = await this.client.eval(GET_RUN_SCRIPT, 1, this.runKey(runId));
    if (!Array.isArray(reply) || reply.length < 2) return undefined;
    const state = parseRunState(runId, String(reply[1]));
    // The hash's version is the one compare-and-set checks; the JSON must agree with it.
    if (String(state.version) !== String(reply[0])) {
      return parseRunState(runId, { ...state, version: 'mismatch' });
    }
    return state;
  }

  async save(state: AgentRunState, expectedVersion: number): Promise<AgentRunState> {
    const now = Date.now();
    const saved: AgentRunState = {
      ...state,
      version: expectedVersion + 1,
      updatedAt: new Date(now).toISOString(),
    };
    const json = serializeRunState(saved, this.maxStateBytes);
    const reply = await this.client.eval(
      SAVE_RUN_SCRIPT,
      2,
      this.runKey(state.runId),
      this.finalsKey(),
      String(expectedVersion),
      String(expectedVersion + 1),
      json,
      this.ttlMs,
      isFinalRunStatus(state.status) ? 1 : 0,
      now,
      state.runId,
    );
    const [code, stored] = Array.isArray(reply) ? (reply as unknown[]) : [];
    if (Number(code) === 0) return saved;
    if (Number(code) === 1) throw new RunNotFoundError(state.runId);
    const actual = Number(stored);
    throw new RunConflictError(
      state.runId,
      expectedVersion,
      Number.isInteger(actual) ? actual : undefined,
    );
  }

  async delete(runId: string): Promise<boolean> {
    const removed = await this.client.eval(
      DELETE_RUN_SCRIPT,
      2,
      this.runKey(runId),
      this.finalsKey(),
      runId,
    );
    return Number(removed) === 1;
  }

  async prune(options: PruneRunsOptions): Promise<number> {
    const before = Date.now() - checkPruneOptions(options);
    let total = 0;
    for (;;) {
      const removed = Number(
        await this.client.eval(
          PRUNE_RUNS_SCRIPT,
          1,
          this.finalsKey(),
          before,
          this.keyPrefix,
          PRUNE_BATCH,
        ),
      );
      total += removed;
      if (removed < PRUNE_BATCH) return total;
    }
  }

  /** The key of one run's hash. */
  protected runKey(runId: string): string {
    return `${this.keyPrefix}${runId}`;
  }

  /** The sorted set of final runs, by last save. */
  protected finalsKey(): string {
    return `${this.keyPrefix}~final`;
  }
}
