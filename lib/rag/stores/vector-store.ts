import type { Document, VectorRecord } from '../document.types';
import { checkRecords } from './check-records';
import type { MetadataFilter } from './metadata-filter.types';

/** One search result: the document, its similarity score (higher is closer) and its vector. */
export interface VectorSearchHit {
  readonly document: Document;
  readonly score: number;
  readonly vector: readonly number[];
}

/** How stores compare vectors. Scores are always "higher is closer". */
export type DistanceMetric = 'cosine' | 'dot' | 'euclidean';

/**
 * A vector store: documents with their vectors, searched by similarity. Used as an injection token
 * (`@InjectVectorStore('docs')` gives one) so implementations swap with `useClass`/`useValue`.
 *
 * Contract shared by every implementation (the same spec runs against each):
 * - `add` fails on an id already stored (or repeated in the call) and stores nothing then;
 *   `upsert` replaces.
 * - `upsertDocuments` re-ingests whole documents: afterwards each document has exactly the chunks
 *   given (no stale `${id}#${i}` chunk of a longer earlier version is left).
 * - `search` applies the filter BEFORE ranking: it returns `min(k, matching)` hits, best first.
 * - scores: cosine similarity in [-1, 1], dot product, or `-distance` for euclidean.
 */
export abstract class VectorStore {
  /** Vector size, fixed at creation. */
  abstract readonly dimensions: number;

  /** Adds new records; rejects if an id already exists. */
  abstract add(records: readonly VectorRecord[]): Promise<void>;

  /** Adds records or replaces the ones with the same id. */
  abstract upsert(records: readonly VectorRecord[]): Promise<void>;

  /** Removes records by id; resolves with how many existed. */
  abstract delete(ids: readonly string[]): Promise<number>;

  /** The `k` records closest to `vector` among those matching `filter`, best first. */
  abstract search(
    vector: readonly number[],
    k: number,
    filter?: MetadataFilter,
  ): Promise<VectorSearchHit[]>;

  /** How many records match `filter` (all without one). */
  abstract count(filter?: MetadataFilter): Promise<number>;

  /**
   * The ids of the stored chunks of these documents: the records whose `metadata.parentId` (set by
   * `TextSplitter.splitDocuments`) is one of `documentIds`, in no particular order.
   */
  abstract chunkIdsOf(documentIds: readonly string[]): Promise<string[]>;

  /**
   * Stores the chunks of (re-)ingested documents so that each document ends up with exactly these
   * chunks: upserts `chunks`, then deletes the chunks stored earlier for the same documents that
   * are not among them. Plain `upsert` is not enough, because a document that shrank from 12 to 8
   * chunks would keep its old chunks `#8`..`#11`, and retrieval would still quote them.
   *
   * The documents are the chunks' `metadata.parentId`s plus `documentIds`: pass the ids of every
   * document you re-ingested so that one that now splits into no chunk (an emptied file) loses all
   * of its old ones. Invalid chunks are rejected before anything changes. The new chunks are written
   * before the stale ones go, so a failure in between leaves extra chunks (call again), never a
   * document without chunks. Resolves with how many stale chunks were removed.
   *
   * @example
   * const chunks = splitter.splitDocuments(documents);
   * await store.upsertDocuments(await embeddings.embedDocuments(chunks), documents.map((d) => d.id));
   */
  async upsertDocuments(
    chunks: readonly VectorRecord[],
    documentIds: readonly string[] = [],
  ): Promise<number> {
    checkRecords(chunks, this.dimensions);
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
