import type { Document } from '../document.types';
import type { Reranker } from './reranker';

/** Options of one `Reranker.rerank` call. */
export interface RerankOptions {
  /** Keep only the best `topN` documents. Default: all of them, reordered. */
  readonly topN?: number;
  /** Aborting it cancels the reranker's request (an HTTP call, a model call). */
  readonly signal?: AbortSignal;
}

/** A document as the reranker scored it. */
export interface RerankedDocument {
  readonly document: Document;
  /**
   * The reranker's relevance score, higher is better. Its scale is the reranker's own (a
   * probability for Cohere and Jina, a logit for TEI with `rawScores`, 0-10 for `LlmReranker`),
   * so compare scores of one reranker only.
   */
  readonly score: number;
  /** The document's position in the list given to `rerank` (0-based). */
  readonly index: number;
}

/**
 * Reranking in a retriever: the retriever finds `k` candidates, `reranker` reorders them and the
 * best `topN` are returned (default `k`: reordered only). Fetch more than you keep (`k: 20`,
 * `topN: 5`): a reranker can only promote what the first stage found.
 */
export interface RerankSetting {
  readonly reranker: Reranker;
  readonly topN?: number;
}
