import { InvalidResponseError } from '../../core';
import { isRecord } from '../../providers/shared/wire-data';

/** One scored candidate of a rerank answer: its position in the request and its score. */
export interface RerankScore {
  readonly index: number;
  readonly score: number;
}

/** Where the answer came from, for the error about a malformed one. */
export interface RerankAnswerContext {
  readonly provider: string;
  readonly status: number;
  /** How many documents were sent: an index must be below it. */
  readonly count: number;
}

/**
 * Reads the scored entries of a rerank answer: `items` must be an array of objects with an
 * integer `index` below `count` and a finite number under `scoreField` (`relevance_score` for
 * Cohere, Jina and Voyage; `score` for TEI). A repeated index keeps its first entry. Anything else
 * is an InvalidResponseError naming what was wrong, never a silently shorter list.
 */
export function readRerankScores(
  items: unknown,
  scoreField: string,
  context: RerankAnswerContext,
): RerankScore[] {
  const { provider, status, count } = context;
  const fail = (problem: string): InvalidResponseError =>
    new InvalidResponseError(`${provider}: malformed rerank answer: ${problem}`, {
      provider,
      status,
    });
  if (!Array.isArray(items)) throw fail('no array of results');
  const seen = new Set<number>();
  const scores: RerankScore[] = [];
  (items as unknown[]).forEach((item, position) => {
    const index = isRecord(item) ? item['index'] : undefined;
    const score = isRecord(item) ? item[scoreField] : undefined;
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= count) {
      throw fail(`result ${position} has no index from 0 to ${count - 1}`);
    }
    if (typeof score !== 'number' || !Number.isFinite(score)) {
      throw fail(`result ${position} has no numeric ${scoreField}`);
    }
    if (seen.has(index)) return;
    seen.add(index);
    scores.push({ index, score });
  });
  return scores;
}
