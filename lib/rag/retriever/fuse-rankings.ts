import type { Document } from '../document.types';
import type { RetrievedDocument } from './retrieved-document.types';

/** How `HybridRetriever` fuses rankings: reciprocal rank fusion, or weighted normalized scores. */
export type RankFusion = 'rrf' | 'weighted';

/** Settings of `fuseRankings`. */
export interface FuseRankingsSettings {
  readonly fusion: RankFusion;
  readonly weights: readonly number[];
  readonly rrfK: number;
}

/**
 * Fuses several rankings of documents (matched by id) into one, best first, with the fused score.
 * `rrf`: `sum(weight / (rrfK + rank))` over the rankings that contain the document.
 * `weighted`: each ranking's scores min-max normalized to [0, 1] (all equal: 1), then
 * `sum(weight * normalized)`. Ties keep the order of first appearance (earlier ranking, better
 * rank first), so results are stable. Linear in the total number of hits (plus the final sort).
 */
export function fuseRankings(
  rankings: readonly (readonly RetrievedDocument[])[],
  settings: FuseRankingsSettings,
): { document: Document; score: number }[] {
  const fused = new Map<string, { document: Document; score: number; order: number }>();
  rankings.forEach((hits, member) => {
    const weight = settings.weights[member] ?? 1;
    let low = Number.POSITIVE_INFINITY;
    let high = Number.NEGATIVE_INFINITY;
    for (const hit of hits) {
      low = Math.min(low, hit.score);
      high = Math.max(high, hit.score);
    }
    hits.forEach((hit, position) => {
      const part =
        settings.fusion === 'rrf'
          ? weight / (settings.rrfK + position + 1)
          : weight * (high > low ? (hit.score - low) / (high - low) : 1);
      const entry = fused.get(hit.document.id);
      if (entry === undefined) {
        fused.set(hit.document.id, { document: hit.document, score: part, order: fused.size });
      } else {
        entry.score += part;
      }
    });
  });
  return [...fused.values()]
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .map(({ document, score }) => ({ document, score }));
}
