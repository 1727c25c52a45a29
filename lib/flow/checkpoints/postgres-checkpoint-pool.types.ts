/** What a query resolves with: the rows (a `pg` result has them). */
export interface PostgresCheckpointQueryResult {
  readonly rows: unknown[];
}

/**
 * The part of a `pg` (node-postgres) `Pool` that `PostgresCheckpointStore` uses: a
 * `new Pool({ connectionString })` fits. Written out here so that the package needs neither `pg`
 * nor `@types/pg` unless this store is used.
 */
export interface PostgresCheckpointPool {
  /** Runs one parameterised statement (or, without values, a script of several). */
  query(text: string, values?: unknown[]): Promise<PostgresCheckpointQueryResult>;
}
