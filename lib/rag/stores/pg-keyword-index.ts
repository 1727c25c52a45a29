import type { Document } from '../document.types';
import { checkDocuments, checkKeywordQuery } from '../keyword/check-documents';
import { KeywordIndex, type KeywordSearchHit } from '../keyword/keyword-index';
import type { MetadataFilter } from './metadata-filter.types';
import { toDocument, type PgTable } from './pg-table';

/**
 * Keyword search with PostgreSQL full-text search on a `PgVectorStore`'s table (get one with
 * `store.keywordIndex()`): the generated `content_tsv` column (`to_tsvector(config, content)`,
 * GIN-indexed) matched against the query's words, ranked by `ts_rank` normalised by document
 * length (normalization 1). The query's words are OR-ed, like BM25, rather than all required: a
 * passage that answers a question rarely contains every word of it. Filters apply before ranking.
 *
 * The index and the store are two views of the same rows: deleting through either removes the
 * row from both. Documents written here carry no vector (vector search skips them until they are
 * upserted with one); rewriting a row's content here clears its now stale vector.
 */
export class PgKeywordIndex extends KeywordIndex {
  /** Made by `PgVectorStore.keywordIndex()`. */
  constructor(
    private readonly table: PgTable,
    private readonly textSearchConfig: string,
  ) {
    super();
  }

  async add(documents: readonly Document[]): Promise<void> {
    checkDocuments(documents);
    await this.table.write(documents, 'add', false, (taken) => {
      checkDocuments(documents, (id) => taken.has(id));
      throw new Error('unreachable: checkDocuments throws for a stored id');
    });
  }

  async upsert(documents: readonly Document[]): Promise<void> {
    checkDocuments(documents);
    await this.table.write(documents, 'upsert', false, rejectTaken);
  }

  delete(ids: readonly string[]): Promise<number> {
    return this.table.delete(ids);
  }

  async search(query: string, k: number, filter?: MetadataFilter): Promise<KeywordSearchHit[]> {
    checkKeywordQuery(query, k);
    if (k === 0) return [];
    const params: unknown[] = [this.textSearchConfig, query];
    const where = this.table.where(filter, params, false);
    params.push(k);
    // plainto_tsquery ANDs the lexemes ('a' & 'b'); turning & into | makes it an OR query. An &
    // inside a quoted lexeme stays inside its quotes, so the result always parses.
    const rows = await this.table.connection.query<{
      id: string;
      content: string;
      metadata: unknown;
      score: number | string;
    }>(
      `SELECT id, content, metadata, ts_rank(content_tsv, words.query, 1) AS score
         FROM ${this.table.sql},
              (SELECT replace(plainto_tsquery($1::regconfig, $2)::text, '&', '|')::tsquery AS query) AS words
        WHERE content_tsv @@ words.query${where === '' ? '' : ` AND ${where}`}
        ORDER BY score DESC, id
        LIMIT $${params.length}`,
      params,
    );
    return rows
      .map((row) => ({ document: toDocument(row), score: Number(row.score) }))
      .filter((hit) => hit.score > 0);
  }

  count(filter?: MetadataFilter): Promise<number> {
    return this.table.count(filter, false);
  }

  chunkIdsOf(documentIds: readonly string[]): Promise<string[]> {
    return this.table.chunkIdsOf(documentIds);
  }

  /** Like `PgVectorStore.upsertDocuments`: one transaction. */
  override async upsertDocuments(
    chunks: readonly Document[],
    documentIds: readonly string[] = [],
  ): Promise<number> {
    checkDocuments(chunks);
    return this.table.replaceDocuments(chunks, documentIds, false, rejectTaken);
  }
}

/** Upserts never reject a stored id. */
function rejectTaken(): never {
  throw new Error('unreachable: upsert replaces stored ids');
}
