import type { Document, VectorRecord } from '../document.types';
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
}
