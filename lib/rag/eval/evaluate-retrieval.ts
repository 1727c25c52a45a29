import {
  ConduitValidationError,
  type ValidationIssue,
} from '../../core/errors/conduit-validation.error';
import type { DocumentRetriever } from '../retriever/document-retriever';
import type {
  EvaluateRetrievalOptions,
  RetrievalEvaluation,
  RetrievalExample,
  RetrievalQuestionScore,
} from './retrieval-evaluation.types';
import { scoreRanking } from './retrieval-metrics';

/**
 * Measures a retriever on a test set: asks it each question with `k` (and the question's filter),
 * and scores the ranking against the question's relevant ids with recall@k, MRR@k and nDCG@k
 * (binary relevance). Resolves with the means and every question's scores, in dataset order.
 * Works with any `DocumentRetriever`, so vector, keyword, hybrid and reranked retrieval are
 * compared on the same questions. Keep a held-out half: settings tuned on the questions you
 * report look better than they are.
 *
 * @example
 * const result = await evaluateRetrieval(retriever, [
 *   { question: 'How are failures retried?', relevantIds: ['docs/resilience.md#1'] },
 * ], { k: 5 });
 * console.log(result.recall, result.mrr, result.ndcg);
 */
export async function evaluateRetrieval(
  retriever: DocumentRetriever,
  dataset: readonly RetrievalExample[],
  options: EvaluateRetrievalOptions,
): Promise<RetrievalEvaluation> {
  checkEvaluation(dataset, options);
  const { k, signal } = options;
  const scores: RetrievalQuestionScore[] = new Array<RetrievalQuestionScore>(dataset.length);
  let next = 0;
  // A few questions at a time: a remote embedder or reranker gets parallel calls, not 500 at once.
  const worker = async (): Promise<void> => {
    while (next < dataset.length) {
      const index = next++;
      signal?.throwIfAborted();
      const example = dataset[index];
      const hits = await retriever.retrieve(example.question, {
        k,
        ...(example.filter !== undefined && { filter: example.filter }),
        ...(signal !== undefined && { signal }),
      });
      const retrievedIds = hits.map((hit) => hit.document.id);
      const score = scoreRanking(retrievedIds, new Set(example.relevantIds), k);
      scores[index] = {
        id: example.id ?? `#${index + 1}`,
        question: example.question,
        recall: score.recall,
        reciprocalRank: score.reciprocalRank,
        ndcg: score.ndcg,
        firstRelevantRank: score.firstRelevantRank,
        retrievedIds,
      };
    }
  };
  const concurrency = Math.min(options.concurrency ?? 4, dataset.length);
  await Promise.all(Array.from({ length: concurrency }, worker));
  const mean = (pick: (score: RetrievalQuestionScore) => number): number =>
    scores.reduce((sum, score) => sum + pick(score), 0) / scores.length;
  return {
    k,
    recall: mean((score) => score.recall),
    mrr: mean((score) => score.reciprocalRank),
    ndcg: mean((score) => score.ndcg),
    questions: scores,
  };
}

/** Every problem of the dataset and options in one error, before any retrieval. */
function checkEvaluation(
  dataset: readonly RetrievalExample[],
  options: EvaluateRetrievalOptions,
): void {
  const issues: ValidationIssue[] = [];
  if (!Number.isInteger(options.k) || options.k < 1) {
    issues.push({ path: 'k', message: `must be a positive integer, got ${options.k}` });
  }
  const concurrency = options.concurrency;
  if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1)) {
    issues.push({ path: 'concurrency', message: `must be a positive integer, got ${concurrency}` });
  }
  if (dataset.length === 0) issues.push({ path: 'dataset', message: 'has no question' });
  dataset.forEach((example, index) => {
    if (typeof example.question !== 'string' || example.question.trim() === '') {
      issues.push({ path: `dataset[${index}].question`, message: 'must be a non-empty string' });
    }
    if (!Array.isArray(example.relevantIds) || example.relevantIds.length === 0) {
      issues.push({
        path: `dataset[${index}].relevantIds`,
        message: 'must list at least one relevant document id',
      });
    }
  });
  if (issues.length > 0) throw new ConduitValidationError(issues, 'Invalid retrieval evaluation');
}
