import { ConduitValidationError } from '../../core/errors/conduit-validation.error';
import type { Document, DocumentMetadata, VectorRecord } from '../document.types';
import { filterToPg } from './filter-to-pg';
import type { PgConnection, PgQuery } from './pg-connection';
import type { MetadataFilter } from './metadata-filter.types';

/** A stored row as the store reads it back. */
interface DocumentRow {
  readonly id: string;
  readonly content: string;
  readonly metadata: unknown;
}

/** PostgreSQL's unique_violation: an `add` raced with another writer of the same id. */
const UNIQUE_VIOLATION = '23505';

/**
 * The rows of one pgvector table, shared by `PgVectorStore` (rows with vectors) and
 * `PgKeywordIndex` (the same rows searched by words). Writes go in batches through `unnest` of
 * array parameters: four parameters per statement whatever the batch size, so a batch never
 * reaches PostgreSQL's 65535-parameter limit and no value is ever spliced into SQL. Internal.
 */
export class PgTable {
  constructor(
    readonly connection: PgConnection,
    /** The quoted table name (checked by `pgTableName`). */
    readonly sql: string,
    private readonly batchSize: number,
  ) {}

  /** Which of `ids` are stored (any row, with or without a vector). */
  async existingIds(
    ids: readonly string[],
    query: PgQuery = this.connection.query,
  ): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await query<{ id: string }>(
      `SELECT id FROM ${this.sql} WHERE id = ANY($1::text[])`,
      [ids],
    );
    return new Set(rows.map((row) => row.id));
  }

  /**
   * Writes rows in one transaction (one statement needs none). `add` fails (writing nothing) on a stored id, found before
   * the insert or by the primary key when another writer got there between. A keyword write
   * (no vectors) keeps a row's vector while its content is unchanged and clears it otherwise, so
   * vector search never ranks a text by the vector of an older one.
   */
  async write(
    documents: readonly (Document | VectorRecord)[],
    mode: 'add' | 'upsert',
    withVectors: boolean,
    reject: (taken: ReadonlySet<string>) => never,
    query?: PgQuery,
  ): Promise<void> {
    if (documents.length === 0) return;
    const run = async (q: PgQuery): Promise<void> => {
      if (mode === 'add') {
        const taken = await this.existingIds(
          documents.map((document) => document.id),
          q,
        );
        if (taken.size > 0) reject(taken);
      }
      for (let start = 0; start < documents.length; start += this.batchSize) {
        await this.insertBatch(
          documents.slice(start, start + this.batchSize),
          mode,
          withVectors,
          q,
        );
      }
    };
    // One upsert statement is atomic by itself: no transaction round trips for it.
    const single = mode === 'upsert' && documents.length <= this.batchSize;
    try {
      if (query !== undefined) await run(query);
      else if (single) await run(this.connection.query);
      else await this.connection.transaction(run);
    } catch (error: unknown) {
      if ((error as { code?: unknown } | null)?.code !== UNIQUE_VIOLATION) throw error;
      throw new ConduitValidationError(
        [
          {
            path: 'records',
            message: 'an id was stored by another writer meanwhile (use upsert to replace it)',
          },
        ],
        'Invalid records',
      );
    }
  }

  private async insertBatch(
    batch: readonly (Document | VectorRecord)[],
    mode: 'add' | 'upsert',
    withVectors: boolean,
    query: PgQuery,
  ): Promise<void> {
    const params: unknown[] = [
      batch.map((document) => document.id),
      batch.map((document) => document.content),
      batch.map((document) => JSON.stringify(document.metadata)),
    ];
    if (withVectors)
      params.push(batch.map((record) => vectorLiteral((record as VectorRecord).vector)));
    const columns = withVectors ? 'id, content, metadata, embedding' : 'id, content, metadata';
    // Every array goes as text[] and is cast on the server: PGlite serialises only the arrays of
    // types it knows, and text[] quoting is the same in every client.
    const source = withVectors
      ? 'unnest($1::text[], $2::text[], $3::text[]::jsonb[], $4::text[]::vector[])'
      : 'unnest($1::text[], $2::text[], $3::text[]::jsonb[])';
    const vectorUpdate = withVectors
      ? 'embedding = excluded.embedding'
      : 'embedding = CASE WHEN stored.content = excluded.content THEN stored.embedding END';
    const conflict =
      mode === 'upsert'
        ? ` ON CONFLICT (id) DO UPDATE SET content = excluded.content, metadata = excluded.metadata, ${vectorUpdate}`
        : '';
    await query(
      `INSERT INTO ${this.sql} AS stored (${columns}) SELECT * FROM ${source}${conflict}`,
      params,
    );
  }

  /** Deletes rows by id; resolves with how many existed. */
  async delete(ids: readonly string[], query: PgQuery = this.connection.query): Promise<number> {
    if (ids.length === 0) return 0;
    const rows = await query(`DELETE FROM ${this.sql} WHERE id = ANY($1::text[]) RETURNING id`, [
      [...new Set(ids)],
    ]);
    return rows.length;
  }

  /** How many rows match `filter`, among those with a vector when `withVectors`. */
  async count(filter: MetadataFilter | undefined, withVectors: boolean): Promise<number> {
    const params: unknown[] = [];
    const where = this.where(filter, params, withVectors);
    const rows = await this.connection.query<{ count: number | string }>(
      `SELECT count(*)::int AS count FROM ${this.sql}${where === '' ? '' : ` WHERE ${where}`}`,
      params,
    );
    return Number(rows[0]?.count ?? 0);
  }

  /** The ids of the rows whose `metadata.parentId` is a string among `documentIds`. */
  async chunkIdsOf(
    documentIds: readonly string[],
    query: PgQuery = this.connection.query,
  ): Promise<string[]> {
    const parents = [...new Set(documentIds)];
    if (parents.length === 0) return [];
    const rows = await query<{ id: string }>(
      `SELECT id FROM ${this.sql} WHERE metadata ->> 'parentId' = ANY($1::text[]) AND jsonb_typeof(metadata -> 'parentId') = 'string'`,
      [parents],
    );
    return rows.map((row) => row.id);
  }

  /**
   * `upsertDocuments` in one transaction: upsert the chunks, then delete the other chunks of the
   * same documents. A failure leaves the table as it was.
   */
  async replaceDocuments(
    chunks: readonly (Document | VectorRecord)[],
    documentIds: readonly string[],
    withVectors: boolean,
    reject: (taken: ReadonlySet<string>) => never,
  ): Promise<number> {
    const parents = new Set(documentIds);
    for (const chunk of chunks) {
      const parentId = chunk.metadata['parentId'];
      if (typeof parentId === 'string') parents.add(parentId);
    }
    if (parents.size === 0 && chunks.length === 0) return 0;
    return this.connection.transaction(async (query) => {
      await this.write(chunks, 'upsert', withVectors, reject, query);
      if (parents.size === 0) return 0;
      const stale = await query(
        `DELETE FROM ${this.sql} WHERE metadata ->> 'parentId' = ANY($1::text[]) AND jsonb_typeof(metadata -> 'parentId') = 'string' AND NOT (id = ANY($2::text[])) RETURNING id`,
        [[...parents], chunks.map((chunk) => chunk.id)],
      );
      return stale.length;
    });
  }

  /** The WHERE clause (without the keyword) of a filter; `params` receives its values. */
  where(filter: MetadataFilter | undefined, params: unknown[], withVectors: boolean): string {
    const clauses = withVectors ? ['embedding IS NOT NULL'] : [];
    const predicate = filterToPg(filter, params);
    if (predicate !== undefined) clauses.push(predicate);
    return clauses.join(' AND ');
  }
}

/**
 * pgvector's text form of a vector (`[1,0.5,-2]`), passed as a parameter and cast to `vector`.
 * pgvector keeps float32, which 9 significant digits round-trip exactly: shorter than the 17 of a
 * JavaScript double, it halves both the text to build and the text the server parses.
 */
export function vectorLiteral(vector: readonly number[]): string {
  return `[${vector.map((value) => value.toPrecision(9)).join(',')}]`;
}

/** A vector read back as text (`embedding::text`). */
export function parseVector(text: unknown): number[] {
  return typeof text === 'string' ? (JSON.parse(text) as number[]) : [];
}

/** A row as a `Document` (jsonb arrives parsed from `pg`, and as text from some clients). */
export function toDocument(row: DocumentRow): Document {
  const metadata =
    typeof row.metadata === 'string' ? (JSON.parse(row.metadata) as unknown) : row.metadata;
  return { id: row.id, content: row.content, metadata: (metadata ?? {}) as DocumentMetadata };
}
