import type { RerankSetting } from '../rerank/rerank.types';
import type { MetadataFilter } from '../stores/metadata-filter.types';

/** Maximal marginal relevance settings. */
export interface MmrOptions {
  /** Candidates fetched before diversifying. Default `max(20, 4 * k)`. */
  readonly fetchK?: number;
  /** 1 = pure relevance, 0 = pure diversity. Default 0.5. */
  readonly lambda?: number;
}

/**
 * Options of one retrieval that every retriever takes (`Retriever`, `KeywordRetriever`,
 * `HybridRetriever`); defaults come from the retriever's own options.
 */
export interface DocumentRetrieveOptions {
  /** How many documents. Default 4. */
  readonly k?: number;
  /** Drop documents scoring below this (in the retriever's score scale). */
  readonly scoreThreshold?: number;
  /** Metadata filter, applied by the store or index before ranking. */
  readonly filter?: MetadataFilter;
  /**
   * Rerank the `k` candidates and keep the best `topN` (see `RerankSetting`); scores are then the
   * reranker's. Runs after the threshold and MMR.
   */
  readonly rerank?: RerankSetting;
  readonly signal?: AbortSignal;
}

/** Options of one vector retrieval (`Retriever`): the common ones plus MMR. */
export interface RetrieveOptions extends DocumentRetrieveOptions {
  /** Diversify the results with MMR (`true` for the defaults). */
  readonly mmr?: boolean | MmrOptions;
}

/** Turns a query into a vector: `(text) => embeddingService.embedQuery(text)` or your own. */
export type QueryEmbedder = (text: string, signal?: AbortSignal) => Promise<readonly number[]>;
