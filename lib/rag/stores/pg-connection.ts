/** What a query resolves with: the rows (every client the store accepts has them). */
export interface PgQueryResult {
  readonly rows: unknown[];
}

/** The part of a `pg` (node-postgres) `PoolClient` the store uses. */
export interface PgPoolClient {
  /** Runs one parameterised statement. */
  query(text: string, values?: unknown[]): Promise<PgQueryResult>;
  /** Gives the connection back to the pool (with an error: the pool drops it). */
  release(error?: Error | boolean): void;
}

/**
 * The part of a `pg` (node-postgres) `Pool` the store uses: a `new Pool(...)` fits. Written out
 * here instead of imported from `pg` so that the package's types never need `@types/pg`.
 */
export interface PgPool {
  /** Runs one parameterised statement on any free connection. */
  query(text: string, values?: unknown[]): Promise<PgQueryResult>;
  /** Checks out one connection, for a transaction. */
  connect(): Promise<PgPoolClient>;
}

/** The part of a PGlite (`@electric-sql/pglite`) transaction the store uses. */
export interface PgliteTransaction {
  /** Runs one parameterised statement. */
  query(text: string, params?: unknown[]): Promise<PgQueryResult>;
}

/** The part of a PGlite (`@electric-sql/pglite`) instance the store uses. */
export interface PgliteDatabase extends PgliteTransaction {
  /** Runs `work` in one transaction: committed if it resolves, else rolled back. */
  transaction<T>(work: (tx: PgliteTransaction) => Promise<T>): Promise<T>;
}

/** Runs one parameterised statement and resolves with its rows. */
export type PgQuery = <R>(text: string, values?: readonly unknown[]) => Promise<R[]>;

/** A `pg` Pool or a PGlite instance behind one interface: queries, and work in a transaction. */
export interface PgConnection {
  readonly query: PgQuery;
  /**
   * Runs `work` in one transaction on one connection: committed if it resolves, else rolled back.
   * `settings` (name, value) hold for this transaction only (`SET LOCAL`).
   */
  transaction<T>(work: (query: PgQuery) => Promise<T>, settings?: PgSettings): Promise<T>;
}

/** Server settings for one transaction: names and values written by this library, never a user's. */
export type PgSettings = readonly (readonly [name: string, value: string])[];

/** Settings are spliced into `SET LOCAL`: only plain names and plain values get there. */
function checkSettings(settings: PgSettings): void {
  for (const [name, value] of settings) {
    if (!/^[a-z_][a-z0-9_.]*$/.test(name) || !/^[a-z0-9_]+$/.test(value))
      throw new Error(`refusing the setting ${name}=${value}`);
  }
}

function isPool(database: PgPool | PgliteDatabase): database is PgPool {
  return typeof (database as Partial<PgPool>).connect === 'function';
}

const queryOf =
  (target: { query(text: string, values?: unknown[]): Promise<PgQueryResult> }): PgQuery =>
  async <R>(text: string, values: readonly unknown[] = []): Promise<R[]> =>
    (await target.query(text, [...values])).rows as R[];

/** Wraps a `pg` Pool (checked out per transaction) or a PGlite instance (its own transactions). */
export function toPgConnection(database: PgPool | PgliteDatabase): PgConnection {
  if (!isPool(database)) {
    return {
      query: queryOf(database),
      transaction: (work, settings = []) => {
        checkSettings(settings);
        return database.transaction(async (tx) => {
          const query = queryOf(tx);
          for (const [name, value] of settings) {
            await query('SELECT set_config($1, $2, true)', [name, value]);
          }
          return work(query);
        });
      },
    };
  }
  return {
    query: queryOf(database),
    async transaction<T>(
      work: (query: PgQuery) => Promise<T>,
      settings: PgSettings = [],
    ): Promise<T> {
      checkSettings(settings);
      const client = await database.connect();
      const query = queryOf(client);
      try {
        // One round trip: a query without parameters may hold several statements.
        await query(
          ['BEGIN', ...settings.map(([name, value]) => `SET LOCAL ${name} = ${value}`)].join('; '),
        );
        const result = await work(query);
        await query('COMMIT');
        client.release();
        return result;
      } catch (error: unknown) {
        // A connection whose ROLLBACK fails is broken: release it with the error so the pool drops it.
        const broken = await query('ROLLBACK').then(
          () => undefined,
          (rollbackError: unknown) => rollbackError,
        );
        client.release(broken instanceof Error ? broken : undefined);
        throw error;
      }
    },
  };
}
