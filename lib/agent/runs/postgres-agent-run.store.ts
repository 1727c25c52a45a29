import {
  ConduitValidationError,
  type ValidationIssue,
} from '../../core/errors/conduit-validation.error';
import { checkLimit } from '../../core/store-limits';
import { isRecord } from '../../core/is-record';
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
import { parseRunState } from './parse-run-state';
import type { AgentRunPgPool } from './postgres-agent-run-pool.types';
import {
  agentRunsMigrationSql,
  agentRunsTableProblem,
  DEFAULT_AGENT_RUNS_TABLE,
  quoteAgentRunsTable,
} from './postgres-agent-run.migration';

/** Options of `PostgresAgentRunStore`. */
export interface PostgresAgentRunStoreOptions extends AgentRunStoreLimits {
  /** A `pg` Pool (`new Pool({ connectionString })`). Not closed by the store. */
  readonly pool: AgentRunPgPool;
  /** `table` or `schema.table` (default `conduit_agent_runs`). */
  readonly tableName?: string;
  /**
   * Create the table on first use (default true). `false`: run `agentRunsMigrationSql()` in your
   * own migrations.
   */
  readonly createTable?: boolean;
}

/** Expired rows are deleted once every this many creates (of this process). */
const SWEEP_EVERY = 100;

const LIVE = '(expires_at IS NULL OR expires_at > now())';

/** A row's version: `pg` returns integers as numbers. */
function versionOf(row: unknown): number | undefined {
  if (!isRecord(row)) return undefined;
  const value = Number(row['version']);
  return Number.isInteger(value) ? value : undefined;
}

/**
 * An `AgentRunStore` in PostgreSQL, shared by every replica. One row per run with a `version`
 * column: `save` is `UPDATE ... WHERE version = expected`, an atomic compare-and-set, so of two
 * replicas resuming one run exactly one wins. The table is created on first use (or by
 * `agentRunsMigrationSql()`); a run expires `ttlMs` after its last save (default 7 days: expired
 * rows are invisible at once and deleted by `prune` and by a sweep every 100 creates).
 *
 * @example
 * import { Pool } from 'pg';
 * ConduitModule.forRoot({ models, runs: { store: new PostgresAgentRunStore({ pool: new Pool({ connectionString }) }) } })
 */
export class PostgresAgentRunStore extends AgentRunStore {
  protected readonly pool: AgentRunPgPool;
  protected readonly table: string;
  protected readonly maxStateBytes: number;
  /** `ttlMs` in ms, or undefined for no expiry. */
  protected readonly ttlMs: number | undefined;
  private readonly tableName: string;
  private readonly createTable: boolean;
  private ready: Promise<void> | undefined;
  private creates = 0;

  constructor(options: PostgresAgentRunStoreOptions) {
    super();
    const issues: ValidationIssue[] = [];
    if (typeof options?.pool?.query !== 'function') {
      issues.push({ path: 'pool', message: 'must be a pg Pool (new Pool({ connectionString }))' });
    }
    const tableName = options?.tableName ?? DEFAULT_AGENT_RUNS_TABLE;
    const tableProblem = agentRunsTableProblem(tableName);
    if (tableProblem !== undefined) issues.push({ path: 'tableName', message: tableProblem });
    if (options?.createTable !== undefined && typeof options.createTable !== 'boolean') {
      issues.push({ path: 'createTable', message: 'must be a boolean' });
    }
    checkLimit(options?.maxStateBytes, 'maxStateBytes', issues);
    checkLimit(options?.ttlMs, 'ttlMs', issues);
    if (issues.length > 0) {
      throw new ConduitValidationError(issues, 'Invalid PostgresAgentRunStore options');
    }
    this.pool = options.pool;
    this.tableName = tableName;
    this.table = quoteAgentRunsTable(tableName).sql;
    this.createTable = options.createTable ?? true;
    this.maxStateBytes = options.maxStateBytes ?? DEFAULT_MAX_RUN_STATE_BYTES;
    const ttl = options.ttlMs ?? DEFAULT_RUN_TTL_MS;
    this.ttlMs = Number.isFinite(ttl) ? ttl : undefined;
  }

  async create(state: AgentRunState): Promise<AgentRunState> {
    await this.prepare();
    const stamp = new Date().toISOString();
    const saved: AgentRunState = { ...state, version: 1, createdAt: stamp, updatedAt: stamp };
    const json = serializeRunState(saved, this.maxStateBytes);
    // An expired row with the same id is replaced: it is already gone as far as readers know.
    const { rows } = await this.pool.query(
      `INSERT INTO ${this.table} AS t (run_id, version, status, state, expires_at)
       VALUES ($1, 1, $2, $3::jsonb, now() + $4 * interval '1 millisecond')
       ON CONFLICT (run_id) DO UPDATE
         SET version = 1, status = EXCLUDED.status, state = EXCLUDED.state,
             created_at = now(), updated_at = now(), expires_at = EXCLUDED.expires_at
         WHERE t.expires_at IS NOT NULL AND t.expires_at <= now()
       RETURNING run_id`,
      [state.runId, state.status, json, this.ttlMs ?? null],
    );
    if (rows.length === 0) throw new RunAlreadyExistsError(state.runId);
    this.creates += 1;
    if (this.creates % SWEEP_EVERY === 0) await this.sweepExpired();
    return saved;
  }

  async get(runId: string): Promise<AgentRunState | undefined> {
    await this.prepare();
    const { rows } = await this.pool.query(
      `SELECT version, state FROM ${this.table} WHERE run_id = $1 AND ${LIVE}`,
      [runId],
    );
    const row = rows[0];
    if (!isRecord(row)) return undefined;
    const state = parseRunState(runId, row['state']);
    // The column is what compare-and-set checks; the JSON must agree with it.
    if (versionOf(row) !== state.version) {
      return parseRunState(runId, { ...state, version: 'mismatch' });
    }
    return state;
  }

  async save(state: AgentRunState, expectedVersion: number): Promise<AgentRunState> {
    await this.prepare();
    const saved: AgentRunState = {
      ...state,
      version: expectedVersion + 1,
      updatedAt: new Date().toISOString(),
    };
    const json = serializeRunState(saved, this.maxStateBytes);
    const { rows } = await this.pool.query(
      `UPDATE ${this.table}
         SET version = $3, status = $4, state = $5::jsonb, updated_at = now(),
             expires_at = now() + $6 * interval '1 millisecond'
       WHERE run_id = $1 AND version = $2 AND ${LIVE}
       RETURNING version`,
      [state.runId, expectedVersion, expectedVersion + 1, state.status, json, this.ttlMs ?? null],
    );
    if (rows.length === 1) return saved;
    const found = await this.pool.query(
      `SELECT version FROM ${this.table} WHERE run_id = $1 AND ${LIVE}`,
      [state.runId],
    );
    if (found.rows.length === 0) throw new RunNotFoundError(state.runId);
    throw new RunConflictError(state.runId, expectedVersion, versionOf(found.rows[0]));
  }

  async delete(runId: string): Promise<boolean> {
    await this.prepare();
    const { rows } = await this.pool.query(
      `DELETE FROM ${this.table} WHERE run_id = $1 RETURNING run_id`,
      [runId],
    );
    return rows.length > 0;
  }

  async prune(options: PruneRunsOptions): Promise<number> {
    const olderThanMs = checkPruneOptions(options);
    await this.prepare();
    const { rows } = await this.pool.query(
      `DELETE FROM ${this.table}
       WHERE (status IN ('completed', 'failed', 'cancelled')
              AND updated_at <= now() - $1 * interval '1 millisecond')
          OR (expires_at IS NOT NULL AND expires_at <= now())
       RETURNING run_id`,
      [olderThanMs],
    );
    return rows.length;
  }

  /** Creates the table once (unless `createTable: false`); a failed attempt is retried next call. */
  protected prepare(): Promise<void> {
    if (!this.createTable) return Promise.resolve();
    this.ready ??= this.runMigration().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  private async runMigration(): Promise<void> {
    try {
      await this.pool.query(agentRunsMigrationSql(this.tableName));
    } catch (error: unknown) {
      // Two processes creating the table at the same moment: the loser sees a duplicate in the
      // catalogue (unique_violation / duplicate_table); the table exists, which is all we need.
      const code = isRecord(error) ? error['code'] : undefined;
      if (code !== '23505' && code !== '42P07') throw error;
    }
  }

  private async sweepExpired(): Promise<void> {
    await this.pool.query(
      `DELETE FROM ${this.table} WHERE expires_at IS NOT NULL AND expires_at <= now()`,
    );
  }
}
