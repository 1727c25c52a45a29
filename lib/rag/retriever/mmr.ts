/** Cosine similarity of two vectors (0 when one is all zeros). */
export function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    normA += x * x;
    normB += y * y;
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}

/**
 * Maximal marginal relevance: picks `k` candidates one at a time, each maximizing
 * `lambda * sim(query, c) - (1 - lambda) * max sim(c, picked)`, so near-duplicates of what is
 * already picked lose to other relevant candidates. Returns candidate indexes in pick order.
 */
export function maximalMarginalRelevance(
  query: readonly number[],
  candidates: readonly (readonly number[])[],
  k: number,
  lambda: number,
): number[] {
  const relevance = candidates.map((vector) => cosine(query, vector));
  const redundancy = candidates.map(() => Number.NEGATIVE_INFINITY);
  const picked: number[] = [];
  const left = new Set(candidates.keys());
  while (picked.length < k && left.size > 0) {
    let best = -1;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (const index of left) {
      const penalty = picked.length === 0 ? 0 : redundancy[index];
      const score = lambda * relevance[index] - (1 - lambda) * penalty;
      if (score > bestScore) {
        bestScore = score;
        best = index;
      }
    }
    picked.push(best);
    left.delete(best);
    for (const index of left) {
      redundancy[index] = Math.max(redundancy[index], cosine(candidates[index], candidates[best]));
    }
  }
  return picked;
}
