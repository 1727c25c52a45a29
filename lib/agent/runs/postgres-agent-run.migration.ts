/** Default table of `PostgresAgentRunStore`. */
export const DEFAULT_AGENT_RUNS_TABLE = 'conduit_agent_runs';

const TABLE_NAME = /^([A-Za-z_][A-Za-z0-9_]{0,62}\.)?[A-Za-z_][A-Za-z0-9_]{0,50}$/;

/**
 * Why `name` cannot be the runs table, or undefined when it can: `table` or `schema.table`, plain
 * identifiers only. The name is spliced into SQL (no statement takes it as a parameter), so
 * anything else is refused rather than escaped.
 */
export function agentRunsTableProblem(name: unknown): string | undefined {
  if (typeof name !== 'string' || !TABLE_NAME.test(name)) {
    return 'must be "table" or "schema.table": letters, digits and _ (not starting with a digit), table at most 51 characters';
  }
  return undefined;
}

/** The checked name, quoted for SQL, and its base for index names. */
export function quoteAgentRunsTable(name: string): { readonly sql: string; readonly base: string } {
  const problem = agentRunsTableProblem(name);
  if (problem !== undefined) throw new Error(`table name ${JSON.stringify(name)} ${problem}`);
  const parts = name.split('.');
  return {
    sql: parts.map((part) => `"${part}"`).join('.'),
    base: parts[parts.length - 1] ?? name,
  };
}

/**
 * The SQL that creates the table of `PostgresAgentRunStore` (idempotent: `IF NOT EXISTS`). Run it
 * in your own migrations and pass `createTable: false`, or let the store run it on first use.
 *
 * Columns: `run_id` (primary key), `version` (optimistic concurrency: every save is
 * `UPDATE ... WHERE version = expected`), `status`, `state` (the whole `AgentRunState`, jsonb),
 * `created_at`, `updated_at`, `expires_at` (`ttlMs` after the last save; NULL: never).
 *
 * @example
 * await pool.query(agentRunsMigrationSql());
 */
export function agentRunsMigrationSql(tableName: string = DEFAULT_AGENT_RUNS_TABLE): string {
  const table = quoteAgentRunsTable(tableName);
  return [
    `CREATE TABLE IF NOT EXISTS ${table.sql} (`,
    '  run_id text PRIMARY KEY,',
    '  version integer NOT NULL,',
    '  status text NOT NULL,',
    '  state jsonb NOT NULL,',
    '  created_at timestamptz NOT NULL DEFAULT now(),',
    '  updated_at timestamptz NOT NULL DEFAULT now(),',
    '  expires_at timestamptz',
    ');',
    `CREATE INDEX IF NOT EXISTS "${table.base}_final_idx" ON ${table.sql} (updated_at)`,
    "  WHERE status IN ('completed', 'failed', 'cancelled');",
    `CREATE INDEX IF NOT EXISTS "${table.base}_expires_idx" ON ${table.sql} (expires_at)`,
    '  WHERE expires_at IS NOT NULL;',
  ].join('\n');
}
