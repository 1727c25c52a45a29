/** A plain SQL identifier: letters, digits and `_`, not starting with a digit. */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Room left in PostgreSQL's 63-byte names for the `_threads_updated_at_idx` suffix. */
const MAX_TABLE_LENGTH = 40;

/** Default table of `PostgresCheckpointStore` (its threads table adds `_threads`). */
export const DEFAULT_CHECKPOINT_TABLE = 'conduit_checkpoints';

/** The two tables of a checkpoint store, quoted for SQL. */
export interface PostgresCheckpointTables {
  /** The checkpoints: one row a (thread_id, step). */
  readonly checkpoints: string;
  /** The threads: latest step, claim and last write; deleting one deletes its checkpoints. */
  readonly threads: string;
  /** The index of the threads by last write (expiry sweeps). */
  readonly updatedAtIndex: string;
}

/**
 * Why `name` cannot be a table name, or undefined when it can: `table` or `schema.table` of plain
 * identifiers (a table name cannot be a query parameter, so anything else is refused, not escaped).
 */
export function checkpointTableProblem(name: unknown): string | undefined {
  if (typeof name !== 'string') return 'must be a string';
  const parts = name.split('.');
  if (parts.length > 2 || !parts.every((part) => IDENTIFIER.test(part)))
    return 'must be "table" or "schema.table" with letters, digits and _ only (not starting with a digit)';
  if ((parts[parts.length - 1] ?? '').length > MAX_TABLE_LENGTH || (parts[0] ?? '').length > 63)
    return `must be at most ${MAX_TABLE_LENGTH} characters (the other names derive from it)`;
  return undefined;
}

/** The quoted names of the tables of `table` (checked first: throws on a bad name). */
export function checkpointTables(
  table: string = DEFAULT_CHECKPOINT_TABLE,
): PostgresCheckpointTables {
  const problem = checkpointTableProblem(table);
  if (problem !== undefined) throw new Error(`table name ${JSON.stringify(table)} ${problem}`);
  const parts = table.split('.');
  const base = parts[parts.length - 1] ?? table;
  const qualify = (name: string): string =>
    [...parts.slice(0, -1), name].map((part) => `"${part}"`).join('.');
  return {
    checkpoints: qualify(base),
    threads: qualify(`${base}_threads`),
    updatedAtIndex: `"${base}_threads_updated_at_idx"`,
  };
}

/**
 * The SQL that `PostgresCheckpointStore` runs on first use (unless `createTable: false`), for teams
 * that run their own migrations. Idempotent (`IF NOT EXISTS`). Times are ms since the epoch
 * (`bigint`), from the application's clock, like the leases compared with them.
 *
 * @example
 * // migrations/0009-checkpoints.sql, generated once:
 * console.log(postgresCheckpointMigration({ table: 'flows.checkpoints' }));
 */
export function postgresCheckpointMigration(options: { readonly table?: string } = {}): string {
  const tables = checkpointTables(options.table);
  const schema = options.table?.includes('.') === true ? options.table.split('.')[0] : undefined;
  const statements = [
    ...(schema === undefined ? [] : [`CREATE SCHEMA IF NOT EXISTS "${schema}"`]),
    [
      `CREATE TABLE IF NOT EXISTS ${tables.threads} (`,
      '  thread_id text PRIMARY KEY,',
      '  latest integer NOT NULL DEFAULT -1,',
      '  owner text,',
      '  lease_until bigint,',
      '  updated_at bigint NOT NULL',
      ')',
    ].join('\n'),
    `CREATE INDEX IF NOT EXISTS ${tables.updatedAtIndex} ON ${tables.threads} (updated_at)`,
    [
      `CREATE TABLE IF NOT EXISTS ${tables.checkpoints} (`,
      `  thread_id text NOT NULL REFERENCES ${tables.threads} (thread_id) ON DELETE CASCADE,`,
      '  step integer NOT NULL,',
      '  checkpoint jsonb NOT NULL,',
      '  created_at bigint NOT NULL,',
      '  PRIMARY KEY (thread_id, step)',
      ')',
    ].join('\n'),
  ];
  return `${statements.join(';\n\n')};\n`;
}

/** The migration of the default table, `conduit_checkpoints` (and `conduit_checkpoints_threads`). */
export const POSTGRES_CHECKPOINT_MIGRATION = postgresCheckpointMigration();
