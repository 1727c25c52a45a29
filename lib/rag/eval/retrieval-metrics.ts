/**
 * The three per-question metrics of `evaluateRetrieval`, over the ids a retriever returned (best
 * first, already cut at k) and the set of relevant ids. Binary relevance: a document answers or not.
 */
export function scoreRanking(
  retrieved: readonly string[],
  relevant: ReadonlySet<string>,
  k: number,
): { recall: number; reciprocalRank: number; ndcg: number; firstRelevantRank?: number } {
  let found = 0;
  let dcg = 0;
  let firstRelevantRank: number | undefined;
  const seen = new Set<string>();
  retrieved.slice(0, k).forEach((id, index) => {
    // A retriever that returns the same id twice must not be credited twice.
    if (!relevant.has(id) || seen.has(id)) return;
    seen.add(id);
    found++;
    dcg += 1 / Math.log2(index + 2);
    firstRelevantRank ??= index + 1;
  });
  let ideal = 0;
  for (let index = 0; index < Math.min(relevant.size, k); index++)
    ideal += 1 / Math.log2(index + 2);
  return {
    recall: relevant.size === 0 ? 0 : found / relevant.size,
    reciprocalRank: firstRelevantRank === undefined ? 0 : 1 / firstRelevantRank,
    ndcg: ideal === 0 ? 0 : dcg / ideal,
    ...(firstRelevantRank !== undefined && { firstRelevantRank }),
  };
}
