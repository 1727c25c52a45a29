import { applyRerank } from '../rerank/apply-rerank';
import type { VectorStore } from '../stores/vector-store';
import type { DocumentRetriever } from './document-retriever';
import { maximalMarginalRelevance } from './mmr';
import type { RetrievedDocument } from './retrieved-document.types';
import type { QueryEmbedder, RetrieveOptions } from './retriever-options.types';

/** Options of `new Retriever(...)`: where to search, how to embed queries, default settings. */
export interface RetrieverOptions extends Omit<RetrieveOptions, 'signal'> {
  readonly store: VectorStore;
  readonly embed: QueryEmbedder;
}

/**
 * Finds the documents relevant to a query: embeds it, asks the store for the top k among the
 * documents matching the filter (the store filters BEFORE ranking, so a filter never returns fewer
 * than k when k documents match), then applies the score threshold and, optionally, MMR and a
 * reranker (`rerank: { reranker, topN }`).
 *
 * @example
 * const retriever = new Retriever({ store, embed: (text) => embeddings.embedQuery(text), k: 5 });
 * const found = await retriever.retrieve('How do I install it?', { filter: { lang: 'en' } });
 */
export class Retriever implements DocumentRetriever {
  constructor(protected readonly options: RetrieverOptions) {}

  /** The documents for `query`, best first, ranked from 1. */
  async retrieve(query: string, options: RetrieveOptions = {}): Promise<RetrievedDocument[]> {
    const k = options.k ?? this.options.k ?? 4;
    const filter = options.filter ?? this.options.filter;
    const threshold = options.scoreThreshold ?? this.options.scoreThreshold;
    const mmr = options.mmr ?? this.options.mmr ?? false;
    const vector = await this.options.embed(query, options.signal);
    const fetchK =
      mmr === false
        ? k
        : Math.max(k, (mmr === true ? undefined : mmr.fetchK) ?? Math.max(20, 4 * k));
    let hits = await this.options.store.search(vector, fetchK, filter);
    if (threshold !== undefined) hits = hits.filter((hit) => hit.score >= threshold);
    if (mmr !== false) {
      const lambda = (mmr === true ? undefined : mmr.lambda) ?? 0.5;
      const order = maximalMarginalRelevance(
        vector,
        hits.map((hit) => hit.vector),
        k,
        lambda,
      );
      hits = order.map((index) => hits[index]);
    }
    const found = hits
      .slice(0, k)
      .map((hit, index) => ({ document: hit.document, score: hit.score, rank: index + 1 }));
    return applyRerank(query, found, options.rerank ?? this.options.rerank, options.signal);
  }
}
