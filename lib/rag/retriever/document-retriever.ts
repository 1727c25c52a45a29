import type { RetrievedDocument } from './retrieved-document.types';
import type { DocumentRetrieveOptions } from './retriever-options.types';

/**
 * Anything that finds documents for a query: `Retriever` (vectors), `KeywordRetriever` (BM25 or
 * full-text search), `HybridRetriever` (both, fused), or your own. `RagChain` and
 * `evaluateRetrieval` take any of them.
 *
 * Contract: resolves at most `k` documents, best first, ranked from 1, among those matching
 * `filter` (filtered BEFORE ranking); `score` is in the retriever's own scale, higher is better.
 */
export interface DocumentRetriever {
  /** The documents for `query`, best first, ranked from 1. */
  retrieve(query: string, options?: DocumentRetrieveOptions): Promise<RetrievedDocument[]>;
}
