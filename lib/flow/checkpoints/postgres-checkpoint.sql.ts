import type { PostgresCheckpointTables } from './postgres-checkpoint.migration';

/** The statements of `PostgresCheckpointStore` for one pair of tables. */
export interface PostgresCheckpointStatements {
  /** $1 thread, $2 owner, $3 now, $4 leaseMs, $5 requested step (null: append), $6 JSON, $7 keepLast (0: all). */
  readonly saveNew: string;
  /** The same parameters, for a step > 0: the thread's row must exist. */
  readonly saveNext: string;
  /** $1 thread, $2 owner, $3 now, $4 leaseMs: claims a thread with no row yet. */
  readonly claimNew: string;
  /** $1 thread, $2 owner, $3 now, $4 leaseMs, $5 latest step seen. */
  readonly claimNext: string;
  /** $1 thread, $2 owner. */
  readonly release: string;
  /** $1 thread: where the thread is (to say why a write lost). */
  readonly head: string;
  /** $1 thread, $2 expiry cutoff (null: none): the latest step and its checkpoint. */
  readonly loadLatest: string;
  /** $1 thread, $2 cutoff, $3 step. */
  readonly loadStep: string;
  /** $1 thread, $2 cutoff. */
  readonly list: string;
  /** $1 thread, $2 cutoff: forgets the thread when it expired. */
  readonly expireThread: string;
  /** $1 cutoff, $2 limit: forgets up to $2 expired threads. */
  readonly expireSome: string;
}

/** The claim is free, already ours, or its lease ran out. */
const CLAIM_FREE = (t: string): string =>
  `(${t}.owner IS NULL OR ${t}.owner = $2 OR ${t}.lease_until <= $3)`;

/**
 * One statement a save: the thread's row moves to the next step only when the conditions hold
 * (row-locked, so a racing save waits and then fails them), the checkpoint row is inserted from
 * the step it returns, and steps past `keepLast` are deleted. No row back: the save lost.
 */
function saveStatement(tables: PostgresCheckpointTables, head: string): string {
  const { checkpoints } = tables;
  return [
    `WITH head AS (${head}),`,
    'saved AS (',
    `  INSERT INTO ${checkpoints} (thread_id, step, checkpoint, created_at)`,
    `  SELECT $1, latest, jsonb_set($6::jsonb, '{step}', to_jsonb(latest)), $3 FROM head`,
    '  RETURNING step',
    '), pruned AS (',
    `  DELETE FROM ${checkpoints} WHERE thread_id = $1 AND $7::integer > 0`,
    '    AND step <= (SELECT step FROM saved) - $7::integer',
    ')',
    'SELECT step FROM saved',
  ].join('\n');
}

/** The statements for `tables` (names already checked and quoted). */
export function checkpointStatements(
  tables: PostgresCheckpointTables,
): PostgresCheckpointStatements {
  const { threads: t, checkpoints: c } = tables;
  const lease = `CASE WHEN ${t}.owner = $2 THEN $3::bigint + $4::bigint ELSE ${t}.lease_until END`;
  const alive = '($2::bigint IS NULL OR h.updated_at > $2::bigint)';
  return {
    saveNew: saveStatement(
      tables,
      [
        `INSERT INTO ${t} (thread_id, latest, updated_at) VALUES ($1, 0, $3::bigint)`,
        `ON CONFLICT (thread_id) DO UPDATE SET latest = ${t}.latest + 1, updated_at = $3::bigint, lease_until = ${lease}`,
        `WHERE ($5::integer IS NULL OR ${t}.latest = $5::integer - 1) AND ${CLAIM_FREE(t)}`,
        'RETURNING latest',
      ].join(' '),
    ),
    saveNext: saveStatement(
      tables,
      [
        `UPDATE ${t} SET latest = latest + 1, updated_at = $3::bigint, lease_until = ${lease}`,
        `WHERE thread_id = $1 AND latest = $5::integer - 1 AND ${CLAIM_FREE(t)}`,
        'RETURNING latest',
      ].join(' '),
    ),
    claimNew: [
      `INSERT INTO ${t} (thread_id, latest, owner, lease_until, updated_at)`,
      'VALUES ($1, -1, $2, $3::bigint + $4::bigint, $3::bigint)',
      `ON CONFLICT (thread_id) DO UPDATE SET owner = $2, lease_until = $3::bigint + $4::bigint`,
      `WHERE ${t}.latest = -1 AND ${CLAIM_FREE(t)}`,
      'RETURNING latest',
    ].join(' '),
    claimNext: [
      `UPDATE ${t} SET owner = $2, lease_until = $3::bigint + $4::bigint`,
      `WHERE thread_id = $1 AND latest = $5::integer AND ${CLAIM_FREE(t)}`,
      'RETURNING latest',
    ].join(' '),
    release: `UPDATE ${t} SET owner = NULL, lease_until = NULL WHERE thread_id = $1 AND owner = $2`,
    head: `SELECT latest, owner, lease_until FROM ${t} WHERE thread_id = $1`,
    loadLatest: [
      `SELECT h.latest, c.checkpoint FROM ${t} h`,
      `LEFT JOIN ${c} c ON c.thread_id = h.thread_id AND c.step = h.latest`,
      `WHERE h.thread_id = $1 AND ${alive}`,
    ].join(' '),
    loadStep: [
      `SELECT c.step, c.checkpoint FROM ${t} h JOIN ${c} c ON c.thread_id = h.thread_id`,
      `WHERE h.thread_id = $1 AND ${alive} AND c.step = $3::integer`,
    ].join(' '),
    list: [
      `SELECT c.step, c.checkpoint FROM ${t} h JOIN ${c} c ON c.thread_id = h.thread_id`,
      `WHERE h.thread_id = $1 AND ${alive} ORDER BY c.step`,
    ].join(' '),
    expireThread: `DELETE FROM ${t} WHERE thread_id = $1 AND updated_at <= $2::bigint`,
    expireSome: [
      `DELETE FROM ${t} WHERE thread_id IN (`,
      `SELECT thread_id FROM ${t} WHERE updated_at <= $1::bigint ORDER BY updated_at LIMIT $2::integer)`,
    ].join(' '),
  };
}
