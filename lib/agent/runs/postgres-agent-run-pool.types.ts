/**
 * The part of a `pg` (node-postgres) `Pool` that `PostgresAgentRunStore` uses: a `new Pool(...)`
 * fits. Written out here so that the package's types never need `@types/pg`.
 */
export interface AgentRunPgPool {
  /** Runs one parameterised statement (or, without values, several). */
  query(text: string, values?: unknown[]): Promise<{ readonly rows: unknown[] }>;
}
