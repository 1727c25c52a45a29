import type { KeywordIndex } from '../keyword/keyword-index';
import { applyRerank } from '../rerank/apply-rerank';
import type { DocumentRetriever } from './document-retriever';
import type { RetrievedDocument } from './retrieved-document.types';
import type { DocumentRetrieveOptions } from './retriever-options.types';

/** Options of `new KeywordRetriever(...)`: the index to search and default settings. */
export interface KeywordRetrieverOptions extends Omit<DocumentRetrieveOptions, 'signal'> {
  readonly index: KeywordIndex;
}

/**
 * Finds documents by their words: asks a `KeywordIndex` (BM25 in memory, PostgreSQL full-text
 * search) for the top k among the documents matching the filter, then applies the score threshold
 * (in the index's scale: BM25 scores are unbounded, so a threshold only makes sense per corpus)
 * and, optionally, a reranker. Finds exact names, error codes and rare words that a small
 * embedding model blurs; misses paraphrases, which is why `HybridRetriever` combines both.
 *
 * @example
 * const retriever = new KeywordRetriever({ index: new InMemoryKeywordIndex(), k: 5 });
 * const found = await retriever.retrieve('ECONNRESET retry', { filter: { lang: 'en' } });
 */
export class KeywordRetriever implements DocumentRetriever {
  constructor(protected readonly options: KeywordRetrieverOptions) {}

  /** The documents for `query`, best first, ranked from 1. */
  async retrieve(
    query: string,
    options: DocumentRetrieveOptions = {},
  ): Promise<RetrievedDocument[]> {
    const k = options.k ?? this.options.k ?? 4;
    const filter = options.filter ?? this.options.filter;
    const threshold = options.scoreThreshold ?? this.options.scoreThreshold;
    options.signal?.throwIfAborted();
    let hits = await this.options.index.search(query, k, filter);
    if (threshold !== undefined) hits = hits.filter((hit) => hit.score >= threshold);
    const found = hits.map((hit, index) => ({
      document: hit.document,
      score: hit.score,
      rank: index + 1,
    }));
    return applyRerank(query, found, options.rerank ?? this.options.rerank, options.signal);
  }
}
