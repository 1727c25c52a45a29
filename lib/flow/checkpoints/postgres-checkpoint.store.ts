import { ConduitValidationError } from '../../core/errors/conduit-validation.error';
import { finiteOrZero } from '../../core/store-limits';
import {
  CheckpointStore,
  type ClaimCheckpointOptions,
  type GraphCheckpoint,
  type LoadCheckpointOptions,
  type SaveCheckpointOptions,
  type StoredCheckpoint,
} from '../graph/checkpoint.store';
import { checkCheckpointInput } from './check-checkpoint-input';
import { CheckpointConflictError } from './checkpoint-conflict.error';
import { CheckpointCorruptError } from './checkpoint-corrupt.error';
import {
  checkpointLimits,
  checkpointOptionIssues,
  type CheckpointLimits,
} from './checkpoint-limits';
import type { CheckpointStoreOptions } from './checkpoint-store-options.types';
import { checkpointBody, numberCheckpoint, parseCheckpoint } from './parse-checkpoint';
import type { PostgresCheckpointPool } from './postgres-checkpoint-pool.types';
import {
  checkpointTableProblem,
  checkpointTables,
  DEFAULT_CHECKPOINT_TABLE,
  postgresCheckpointMigration,
} from './postgres-checkpoint.migration';
import { checkpointStatements, type PostgresCheckpointStatements } from './postgres-checkpoint.sql';

/** Options of `PostgresCheckpointStore`. */
export interface PostgresCheckpointStoreOptions extends CheckpointStoreOptions {
  /** Your `pg` Pool (`new Pool({ connectionString })`), kept open and ended by you. */
  readonly pool: PostgresCheckpointPool;
  /**
   * `table` or `schema.table` of the checkpoints (default `conduit_checkpoints`); the threads
   * table is the same name + `_threads`.
   */
  readonly table?: string;
  /**
   * Create the tables on first use (default true). Pass `false` when your migrations run the SQL
   * of `postgresCheckpointMigration()`.
   */
  readonly createTable?: boolean;
}

/** Saves between two sweeps of expired threads, and threads deleted by one sweep at most. */
const SWEEP_EVERY = 100;
const SWEEP_LIMIT = 1000;

interface HeadRow {
  readonly latest: number;
  readonly owner: string | null;
  readonly lease_until: string | null;
}

/**
 * A `CheckpointStore` in PostgreSQL, shared by every replica of an app: one row a thread (latest
 * step, claim, last write) and one row a checkpoint, keyed (thread_id, step). A save is one
 * statement that moves the thread's row to the next step only when it is still where the run
 * left it: PostgreSQL's row lock makes a racing save wait and then fail that condition, so exactly
 * one of two writers wins and the other gets `CheckpointConflictError`; the primary key is a
 * second guard. `keepLast` is applied by the same statement; threads past `ttlMs` are forgotten
 * when next touched and swept every 100 saves (or by `deleteExpired()`).
 *
 * @example
 * import { Pool } from 'pg';
 * const checkpointStore = new PostgresCheckpointStore({ pool: new Pool({ connectionString }) });
 */
export class PostgresCheckpointStore extends CheckpointStore {
  protected readonly pool: PostgresCheckpointPool;
  private readonly limits: CheckpointLimits;
  private readonly sql: PostgresCheckpointStatements;
  private readonly migration: string;
  private readonly createTable: boolean;
  private ready: Promise<void> | undefined;
  private savesSinceSweep = 0;

  constructor(options: PostgresCheckpointStoreOptions) {
    super();
    const issues = checkpointOptionIssues(options);
    if (typeof options.pool?.query !== 'function')
      issues.push({ path: 'pool', message: 'must be a pg Pool (an object with query)' });
    const tableProblem =
      options.table === undefined ? undefined : checkpointTableProblem(options.table);
    if (tableProblem !== undefined) issues.push({ path: 'table', message: tableProblem });
    if (issues.length > 0)
      throw new ConduitValidationError(issues, 'Invalid PostgresCheckpointStore options');
    this.pool = options.pool;
    this.limits = checkpointLimits(options);
    const table = options.table ?? DEFAULT_CHECKPOINT_TABLE;
    this.sql = checkpointStatements(checkpointTables(table));
    this.migration = postgresCheckpointMigration({ table });
    this.createTable = options.createTable ?? true;
  }

  async save(
    checkpoint: GraphCheckpoint,
    options: SaveCheckpointOptions = {},
  ): Promise<StoredCheckpoint> {
    const { threadId, step } = checkpoint;
    checkCheckpointInput(threadId, { step, parentStep: checkpoint.parentStep });
    const now = this.limits.now();
    await this.prepare(threadId, now);
    const rows = await this.query<{ step: number }>(
      step === undefined || step === 0 ? this.sql.saveNew : this.sql.saveNext,
      [
        threadId,
        options.owner ?? null,
        now,
        this.limits.leaseMs,
        step ?? null,
        JSON.stringify(checkpointBody(checkpoint, now)),
        finiteOrZero(this.limits.keepLast),
      ],
    );
    const saved = rows[0]?.step;
    if (saved === undefined) {
      throw await this.conflict(
        threadId,
        step === undefined || step === 0 ? undefined : step - 1,
        options.owner,
        now,
      );
    }
    await this.sweep(now);
    return numberCheckpoint(checkpoint, saved, now);
  }

  async load(
    threadId: string,
    options: LoadCheckpointOptions = {},
  ): Promise<StoredCheckpoint | undefined> {
    checkCheckpointInput(threadId, { step: options.step });
    await this.ensureTables();
    if (options.step !== undefined) {
      const rows = await this.query<{ checkpoint: unknown }>(this.sql.loadStep, [
        threadId,
        this.cutoff(),
        options.step,
      ]);
      const row = rows[0];
      return row === undefined
        ? undefined
        : parseCheckpoint(threadId, options.step, row.checkpoint);
    }
    const rows = await this.query<{ latest: number; checkpoint: unknown }>(this.sql.loadLatest, [
      threadId,
      this.cutoff(),
    ]);
    const row = rows[0];
    if (row === undefined || row.latest < 0) return undefined;
    if (row.checkpoint === null)
      throw new CheckpointCorruptError(threadId, row.latest, 'the latest step has no row');
    return parseCheckpoint(threadId, row.latest, row.checkpoint);
  }

  async list(threadId: string): Promise<StoredCheckpoint[]> {
    checkCheckpointInput(threadId);
    await this.ensureTables();
    const rows = await this.query<{ step: number; checkpoint: unknown }>(this.sql.list, [
      threadId,
      this.cutoff(),
    ]);
    return rows.map((row) => parseCheckpoint(threadId, row.step, row.checkpoint));
  }

  async claim(threadId: string, options: ClaimCheckpointOptions): Promise<void> {
    checkCheckpointInput(threadId, { latestStep: options.latestStep });
    const now = this.limits.now();
    await this.prepare(threadId, now);
    const params = [threadId, options.owner, now, this.limits.leaseMs];
    const rows =
      options.latestStep === undefined
        ? await this.query(this.sql.claimNew, params)
        : await this.query(this.sql.claimNext, [...params, options.latestStep]);
    if (rows.length === 0)
      throw await this.conflict(threadId, options.latestStep, options.owner, now);
  }

  async release(threadId: string, owner: string): Promise<void> {
    await this.ensureTables();
    await this.query(this.sql.release, [threadId, owner]);
  }

  /** Deletes up to 1,000 threads past `ttlMs` (with their checkpoints); resolves with how many. */
  async deleteExpired(): Promise<number> {
    const cutoff = this.cutoff();
    if (cutoff === null) return 0;
    await this.ensureTables();
    const rows = await this.query(`${this.sql.expireSome} RETURNING thread_id`, [
      cutoff,
      SWEEP_LIMIT,
    ]);
    return rows.length;
  }

  /** The tables exist (created once per store unless `createTable: false`). */
  protected ensureTables(): Promise<void> {
    if (!this.createTable) return Promise.resolve();
    this.ready ??= this.pool
      // One script in one implicit transaction; the advisory lock stops two replicas starting at
      // once from racing on CREATE TABLE IF NOT EXISTS (which is not safe against itself).
      .query(
        `BEGIN; SELECT pg_advisory_xact_lock(hashtext('nestjs-conduit checkpoints')); ${this.migration} COMMIT;`,
      )
      .then(
        () => undefined,
        (error: unknown) => {
          this.ready = undefined;
          throw error;
        },
      );
    return this.ready;
  }

  /** Tables ready, and the thread forgotten first when it expired. */
  private async prepare(threadId: string, now: number): Promise<void> {
    await this.ensureTables();
    const cutoff = this.cutoff(now);
    if (cutoff !== null) await this.query(this.sql.expireThread, [threadId, cutoff]);
  }

  /** Every 100 saves, forgets some expired threads, so that threads nobody touches again go too. */
  private async sweep(now: number): Promise<void> {
    this.savesSinceSweep += 1;
    const cutoff = this.cutoff(now);
    if (this.savesSinceSweep < SWEEP_EVERY || cutoff === null) return;
    this.savesSinceSweep = 0;
    await this.query(this.sql.expireSome, [cutoff, SWEEP_LIMIT]);
  }

  /** Threads last written at or before this are expired; null without `ttlMs`. */
  private cutoff(now = this.limits.now()): number | null {
    return Number.isFinite(this.limits.ttlMs) ? now - this.limits.ttlMs : null;
  }

  /** The error of a write that lost: another owner's live claim, or the thread moved on. */
  private async conflict(
    threadId: string,
    expected: number | undefined,
    owner: string | undefined,
    now: number,
  ): Promise<CheckpointConflictError> {
    const [head] = await this.query<HeadRow>(this.sql.head, [threadId]);
    const latest = head === undefined || head.latest < 0 ? undefined : head.latest;
    const claimed =
      head?.owner !== null &&
      head?.owner !== undefined &&
      head.owner !== owner &&
      Number(head.lease_until) > now;
    return new CheckpointConflictError(
      threadId,
      expected,
      latest,
      claimed ? 'claimed' : 'step-moved',
    );
  }

  private async query<R>(text: string, values: unknown[]): Promise<R[]> {
    return (await this.pool.query(text, values)).rows as R[];
  }
}
