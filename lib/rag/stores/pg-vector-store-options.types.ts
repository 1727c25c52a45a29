import type { PgliteDatabase, PgPool } from './pg-connection';
import type { DistanceMetric } from './vector-store';

/** HNSW index settings (pgvector's `m`, `ef_construction` and `hnsw.ef_search`). */
export interface PgHnswOptions {
  /** Links per node. Default 16 (pgvector's). */
  readonly m?: number;
  /** Candidate list size while building. Default 64 (pgvector's). */
  readonly efConstruction?: number;
  /** Candidate list size while searching; raised to `k` when a search asks for more. Default 40. */
  readonly efSearch?: number;
}

/** What the table looks like: shared by `PgVectorStore.connect` and `pgVectorMigration`. */
export interface PgVectorTableOptions {
  /**
   * `table` or `schema.table`: letters, digits and `_` only, used exactly as given (quoted, so
   * case counts). Anything else is refused, since a table name cannot be a query parameter.
   */
  readonly table: string;
  /** Vector size, fixed when the table is created (pgvector's HNSW indexes up to 2000). */
  readonly dimensions: number;
  /** `cosine` (`<=>`), `euclidean` (`<->`, L2) or `dot` (`<#>`, inner product). Default `cosine`. */
  readonly distance?: DistanceMetric;
  /**
   * The text search configuration of the keyword column (`to_tsvector(config, content)`), e.g.
   * `english` (stemming, English stop words; the default) or `simple` (no stemming, any language).
   */
  readonly textSearchConfig?: string;
  /** HNSW index settings, or `false` for no vector index (exact scans only). */
  readonly hnsw?: PgHnswOptions | false;
}

/** Options of `PgVectorStore.connect`. */
export interface PgVectorStoreOptions extends PgVectorTableOptions {
  /**
   * Your `pg` Pool (`new Pool({ connectionString })`), kept open by you and ended by you; or a
   * PGlite instance created with its vector extension (development and tests without a server).
   */
  readonly pool: PgPool | PgliteDatabase;
  /**
   * Create the extension, table and indexes when missing (default true). Pass `false` when your
   * migrations do it (with the SQL of `pgVectorMigration`): `connect` then only checks the table.
   */
  readonly createTable?: boolean;
  /** Rows per INSERT statement when writing many records. Default 500. */
  readonly batchSize?: number;
}
