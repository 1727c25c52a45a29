/** A plain SQL identifier: letters, digits and `_`, not starting with a digit. */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Room left in PostgreSQL's 63-byte names for the index suffixes (`_embedding_idx`, ...). */
const MAX_TABLE_LENGTH = 48;

/** A table name checked and quoted for SQL, with the base the index names derive from. */
export interface PgTableName {
  /** `"schema"."table"` or `"table"`: safe to splice into SQL. */
  readonly sql: string;
  /** The table part, unquoted (checked), for index names. */
  readonly base: string;
  /** The schema part, unquoted (checked), if the name had one. */
  readonly schema?: string;
}

/**
 * Why `name` cannot be a table name, or undefined when it can: `table` or `schema.table`, each part
 * a plain identifier. Table names are spliced into SQL (no statement can take them as parameters),
 * so anything beyond these characters is refused rather than escaped.
 */
export function pgTableNameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string') return 'must be a string';
  const parts = name.split('.');
  if (parts.length > 2 || !parts.every((part) => IDENTIFIER.test(part))) {
    return 'must be "table" or "schema.table" with letters, digits and _ only (not starting with a digit)';
  }
  if (parts[parts.length - 1].length > MAX_TABLE_LENGTH)
    return `must be at most ${MAX_TABLE_LENGTH} characters (index names derive from it)`;
  if (parts.length === 2 && parts[0].length > 63) return 'has a schema name over 63 characters';
  return undefined;
}

/** A name that passed `pgTableNameProblem`, quoted; case is kept as given. */
export function pgTableName(name: string): PgTableName {
  const problem = pgTableNameProblem(name);
  if (problem !== undefined) throw new Error(`table name ${JSON.stringify(name)} ${problem}`);
  const parts = name.split('.');
  const base = parts[parts.length - 1];
  return {
    sql: parts.map(quoteIdentifier).join('.'),
    base,
    ...(parts.length === 2 ? { schema: parts[0] } : {}),
  };
}

/** Double-quotes an identifier already checked against `IDENTIFIER`. */
export function quoteIdentifier(identifier: string): string {
  if (!IDENTIFIER.test(identifier)) throw new Error(`not a plain identifier: ${identifier}`);
  return `"${identifier}"`;
}

/** Whether `name` is a text search configuration name (`english`, `pg_catalog.simple`). */
export function isTextSearchConfigName(name: unknown): name is string {
  return (
    typeof name === 'string' &&
    name.split('.').length <= 2 &&
    name.split('.').every((part) => IDENTIFIER.test(part))
  );
}
