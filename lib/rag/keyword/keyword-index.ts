import type { Document } from '../document.types';
import type { MetadataFilter } from '../stores/metadata-filter.types';

/** One keyword search result: the document and its relevance score (higher is better, e.g. BM25). */
export interface KeywordSearchHit {
  readonly document: Document;
  readonly score: number;
}

/**
 * A keyword (full-text) index: documents searched by the words they contain rather than by vectors.
 * The counterpart of `VectorStore` for lexical retrieval (BM25 in memory, PostgreSQL full-text
 * search on the pgvector table), used by `KeywordRetriever` and `HybridRetriever`.
 *
 * Contract shared by every implementation (the same spec runs against each):
 * - `add` fails on an id already stored (or repeated in the call) and stores nothing then;
 *   `upsert` replaces.
 * - `upsertDocuments` re-ingests whole documents: afterwards each document has exactly the chunks
 *   given (no stale `${id}#${i}` chunk of a longer earlier version is left).
 * - `search` applies the filter BEFORE ranking: it returns at most `k` hits with a positive score
 *   among the matching documents, best first. A query with no indexable word returns `[]`.
 */
export abstract class KeywordIndex {
  /** Adds new documents; rejects if an id already exists. */
  abstract add(documents: readonly Document[]): Promise<void>;

  /** Adds documents or replaces the ones with the same id. */
  abstract upsert(documents: readonly Document[]): Promise<void>;

  /** Removes documents by id; resolves with how many existed. */
  abstract delete(ids: readonly string[]): Promise<number>;

  /** The `k` documents that best match the words of `query` among those matching `filter`. */
  abstract search(query: string, k: number, filter?: MetadataFilter): Promise<KeywordSearchHit[]>;

  /** How many documents match `filter` (all without one). */
  abstract count(filter?: MetadataFilter): Promise<number>;

  /** The ids of the stored chunks whose `metadata.parentId` is one of `documentIds`. */
  abstract chunkIdsOf(documentIds: readonly string[]): Promise<string[]>;

  /**
   * Stores the chunks of (re-)ingested documents so that each document ends up with exactly these
   * chunks (see `VectorStore.upsertDocuments`, same semantics): upserts `chunks`, then deletes the
   * chunks stored earlier for the same documents that are not among them. Resolves with how many
   * stale chunks were removed.
   */
  async upsertDocuments(
    chunks: readonly Document[],
    documentIds: readonly string[] = [],
  ): Promise<number> {
    const parents = new Set(documentIds);
    for (const chunk of chunks) {
      const parentId = chunk.metadata['parentId'];
      if (typeof parentId === 'string') parents.add(parentId);
    }
    const previous = parents.size === 0 ? [] : await this.chunkIdsOf([...parents]);
    await this.upsert(chunks);
    const kept = new Set(chunks.map((chunk) => chunk.id));
    const stale = previous.filter((id) => !kept.has(id));
    return stale.length === 0 ? 0 : this.delete(stale);
  }
}
