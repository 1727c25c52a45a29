import { ConduitValidationError } from '../../core/errors/conduit-validation.error';
import type { VectorRecord } from '../document.types';
import { checkQuery, checkRecords } from './check-records';
import type { MetadataFilter } from './metadata-filter.types';
import { toPgConnection } from './pg-connection';
import { pgTableName } from './pg-identifier';
import { PgKeywordIndex } from './pg-keyword-index';
import { preparePgTable } from './pg-prepare-table';
import { parseVector, PgTable, toDocument, vectorLiteral } from './pg-table';
import { pgTableOptionIssues } from './pg-vector-migration';
import type { PgVectorStoreOptions } from './pg-vector-store-options.types';
import { VectorStore, type DistanceMetric, type VectorSearchHit } from './vector-store';

/** pgvector's distance operators: `<=>` cosine distance, `<->` L2, `<#>` negative inner product. */
const OPERATORS: Record<DistanceMetric, string> = { cosine: '<=>', euclidean: '<->', dot: '<#>' };
/** pgvector's ceiling and default for `hnsw.ef_search`. */
const MAX_EF_SEARCH = 1000;
const DEFAULT_EF_SEARCH = 40;

/** How one store searches, fixed at `connect`. */
interface SearchSettings {
  readonly distance: DistanceMetric;
  /** `hnsw.ef_search`, or undefined without an HNSW index. */
  readonly efSearch: number | undefined;
  /** pgvector 0.8+ scans the index on until enough rows pass the filter. */
  readonly iterativeScan: boolean;
}

/**
 * Vector store on PostgreSQL with pgvector, through your own `pg` Pool (optional peer package
 * `pg`; it is never imported by this library, you pass the pool) or an embedded PGlite instance.
 * One table holds id, content, JSONB metadata, the vector, and a generated `tsvector` of the
 * content, so `keywordIndex()` searches the same rows by words (PostgreSQL full-text search) and
 * hybrid retrieval runs on one database. Metadata filters become SQL on the JSONB column, applied
 * by the database before ranking; every value travels as a query parameter.
 *
 * Search uses the HNSW index (approximate, like `HnswVectorStore`) with `hnsw.ef_search` raised to
 * `k`; filtered searches use pgvector 0.8's iterative index scans (relaxed order, then sorted) so a
 * selective filter still fills `k` (older pgvector: an exact scan). Scores are "higher is closer": cosine
 * similarity, the dot product, or `-distance` for euclidean.
 *
 * @example
 * const pool = new Pool({ connectionString: process.env.DATABASE_URL });
 * const store = await PgVectorStore.connect({ pool, table: 'documents', dimensions: 1536 });
 * const keywords = store.keywordIndex();
 */
export class PgVectorStore extends VectorStore {
  readonly dimensions: number;

  private constructor(
    private readonly table: PgTable,
    private readonly settings: SearchSettings,
    private readonly textSearchConfig: string,
    dimensions: number,
  ) {
    super();
    this.dimensions = dimensions;
  }

  /**
   * Checks the options, creates the extension, table and indexes when missing (unless
   * `createTable: false`), and checks that an existing table fits (`PgVectorSchemaError` when its
   * vectors have another size; `PgVectorExtensionError` when pgvector is missing).
   */
  static async connect(options: PgVectorStoreOptions): Promise<PgVectorStore> {
    const batchSize = options.batchSize ?? 500;
    const issues = pgTableOptionIssues(options);
    if (!Number.isInteger(batchSize) || batchSize < 1)
      issues.push({ path: 'batchSize', message: 'must be a positive integer' });
    if (typeof options.pool?.query !== 'function')
      issues.push({ path: 'pool', message: 'must be a pg Pool or a PGlite instance' });
    if (issues.length > 0)
      throw new ConduitValidationError(issues, 'Invalid PgVectorStore options');
    const connection = toPgConnection(options.pool);
    const { extensionVersion, textSearchConfig } = await preparePgTable(connection, options);
    const [major = 0, minor = 0] = extensionVersion.split('.').map(Number);
    const hnsw = options.hnsw === false ? undefined : (options.hnsw ?? {});
    return new PgVectorStore(
      new PgTable(connection, pgTableName(options.table).sql, batchSize),
      {
        distance: options.distance ?? 'cosine',
        efSearch: hnsw === undefined ? undefined : (hnsw.efSearch ?? DEFAULT_EF_SEARCH),
        iterativeScan: major > 0 || minor >= 8,
      },
      textSearchConfig,
      options.dimensions,
    );
  }

  /**
   * Full-text search on this store's table (the same rows): a `KeywordIndex` for
   * `KeywordRetriever` and `HybridRetriever`. Normally you write through the store (with
   * vectors) and only search through the index.
   */
  keywordIndex(): PgKeywordIndex {
    return new PgKeywordIndex(this.table, this.textSearchConfig);
  }

  async add(records: readonly VectorRecord[]): Promise<void> {
    checkRecords(records, this.dimensions);
    await this.table.write(records, 'add', true, (taken) => {
      checkRecords(records, this.dimensions, (id) => taken.has(id));
      throw new Error('unreachable: checkRecords throws for a stored id');
    });
  }

  async upsert(records: readonly VectorRecord[]): Promise<void> {
    checkRecords(records, this.dimensions);
    await this.table.write(records, 'upsert', true, rejectTaken);
  }

  delete(ids: readonly string[]): Promise<number> {
    return this.table.delete(ids);
  }

  async search(
    vector: readonly number[],
    k: number,
    filter?: MetadataFilter,
  ): Promise<VectorSearchHit[]> {
    checkQuery(vector, k, this.dimensions);
    if (k === 0) return [];
    const params: unknown[] = [vectorLiteral(vector)];
    const where = this.table.where(filter, params, true);
    params.push(k);
    const operator = OPERATORS[this.settings.distance];
    const sql =
      `SELECT id, content, metadata, embedding::text AS embedding, embedding ${operator} $1::vector AS distance ` +
      `FROM ${this.table.sql} WHERE ${where} ORDER BY embedding ${operator} $1::vector LIMIT $${params.length}`;
    type Row = {
      id: string;
      content: string;
      metadata: unknown;
      embedding: string;
      distance: number | string;
    };
    const filtered = filter !== undefined && Object.keys(filter).length > 0;
    const settings = this.searchSettings(k, filtered);
    const rows =
      settings.length === 0
        ? await this.table.connection.query<Row>(sql, params)
        : await this.table.connection.transaction((query) => query<Row>(sql, params), settings);
    // An iterative scan in relaxed order may return neighbours slightly out of order.
    if (filtered) rows.sort((a, b) => Number(a.distance) - Number(b.distance));
    return rows.map((row) => ({
      document: toDocument(row),
      score: this.scoreOf(Number(row.distance)),
      vector: parseVector(row.embedding),
    }));
  }

  count(filter?: MetadataFilter): Promise<number> {
    return this.table.count(filter, true);
  }

  chunkIdsOf(documentIds: readonly string[]): Promise<string[]> {
    return this.table.chunkIdsOf(documentIds);
  }

  /**
   * Like every store's, in one transaction: the chunks are upserted and the stale ones deleted
   * together, so a failure leaves the table as it was.
   */
  override async upsertDocuments(
    chunks: readonly VectorRecord[],
    documentIds: readonly string[] = [],
  ): Promise<number> {
    checkRecords(chunks, this.dimensions);
    return this.table.replaceDocuments(chunks, documentIds, true, rejectTaken);
  }

  /**
   * The settings a search needs, for its transaction only (`SET LOCAL`); none for a plain top-k within the default candidate list, which then runs as one
   * statement without a transaction. Filtered searches scan the index iteratively in relaxed
   * order (better recall than strict order; the hits are sorted afterwards), or, before pgvector
   * 0.8, exactly.
   */
  private searchSettings(k: number, filtered: boolean): [string, string][] {
    const { efSearch, iterativeScan } = this.settings;
    if (efSearch === undefined) return [];
    const settings: [string, string][] = [];
    const candidates = Math.min(MAX_EF_SEARCH, Math.max(efSearch, k));
    if (candidates !== DEFAULT_EF_SEARCH) settings.push(['hnsw.ef_search', String(candidates)]);
    if (filtered) {
      settings.push(
        iterativeScan ? ['hnsw.iterative_scan', 'relaxed_order'] : ['enable_indexscan', 'off'],
      );
    }
    return settings;
  }

  /** pgvector distances to "higher is closer": cosine `1 - d`, `<#>` is `-dot`, L2 `-d`. */
  private scoreOf(distance: number): number {
    return this.settings.distance === 'cosine' ? 1 - distance : -distance;
  }
}

/** Upserts never reject a stored id. */
function rejectTaken(): never {
  throw new Error('unreachable: upsert replaces stored ids');
}
