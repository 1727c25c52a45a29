/** BM25 term-frequency saturation used when none is given (Lucene's and Elasticsearch's). */
export const BM25_DEFAULT_K1 = 1.2;

/** BM25 length normalization used when none is given (Lucene's and Elasticsearch's). */
export const BM25_DEFAULT_B = 0.75;

/**
 * Lucene's BM25 inverse document frequency, `ln(1 + (N - df + 0.5) / (df + 0.5))`: positive even
 * for a term in every document (Robertson's original goes negative above N/2, so a common word
 * would push a matching document below one that lacks it).
 */
export function bm25Idf(documents: number, documentFrequency: number): number {
  return Math.log(1 + (documents - documentFrequency + 0.5) / (documentFrequency + 0.5));
}
