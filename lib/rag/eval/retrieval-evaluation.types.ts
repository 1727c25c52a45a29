import type { MetadataFilter } from '../stores/metadata-filter.types';

/** One question of a retrieval test set and the documents that answer it. */
export interface RetrievalExample {
  /** A name for the question in reports. Default: its position (`#3`). */
  readonly id?: string;
  readonly question: string;
  /** Ids of the documents (chunks) that answer it; at least one. */
  readonly relevantIds: readonly string[];
  /** A filter passed to the retriever for this question. */
  readonly filter?: MetadataFilter;
}

/** How a retriever did on one question, at cut-off `k`. */
export interface RetrievalQuestionScore {
  readonly id: string;
  readonly question: string;
  /** Share of the relevant documents found in the top k (0 to 1). */
  readonly recall: number;
  /** 1 / rank of the first relevant document in the top k, 0 when none is (MRR@k's term). */
  readonly reciprocalRank: number;
  /** Normalized discounted cumulative gain with binary relevance (0 to 1). */
  readonly ndcg: number;
  /** Rank of the first relevant document (1 = first), or `undefined` when none is in the top k. */
  readonly firstRelevantRank: number | undefined;
  /** The ids the retriever returned, best first. */
  readonly retrievedIds: readonly string[];
}

/** The outcome of `evaluateRetrieval`: means over the questions, and each question's scores. */
export interface RetrievalEvaluation {
  readonly k: number;
  /** Mean recall@k. */
  readonly recall: number;
  /** Mean reciprocal rank at k (MRR@k). */
  readonly mrr: number;
  /** Mean nDCG@k. */
  readonly ndcg: number;
  readonly questions: readonly RetrievalQuestionScore[];
}

/** Options of `evaluateRetrieval`. */
export interface EvaluateRetrievalOptions {
  /** The cut-off: how many documents the retriever returns per question. */
  readonly k: number;
  /** Questions retrieved at once. Default 4. */
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
}
