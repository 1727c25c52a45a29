import type { Document } from '../document.types';
import type { RerankedDocument, RerankOptions } from './rerank.types';

/**
 * Reorders candidate documents by their relevance to a query, reading query and document together
 * (a cross-encoder or a chat model) rather than comparing two embeddings: slower than a vector
 * search, so it runs on the few dozen candidates a retriever found. Extend it for your own
 * reranker; `LlmReranker` and the HTTP rerankers (`CohereReranker`, `JinaReranker`,
 * `VoyageReranker`, `TeiReranker`) are built in.
 *
 * Contract: `rerank` resolves with each given document at most once, best first, at most `topN`
 * of them; an empty list resolves with `[]` without a call. Failures reject with a `ConduitError`.
 *
 * @example
 * const reranker = new CohereReranker({ model: 'rerank-v3.5', apiKey });
 * const retriever = new Retriever({ store, embed, k: 20, rerank: { reranker, topN: 5 } });
 */
export abstract class Reranker {
  /** The documents, most relevant to `query` first, with the reranker's scores. */
  abstract rerank(
    query: string,
    documents: readonly Document[],
    options?: RerankOptions,
  ): Promise<RerankedDocument[]>;
}
