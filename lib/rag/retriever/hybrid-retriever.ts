import { ConduitValidationError } from '../../core/errors/conduit-validation.error';
import { applyRerank } from '../rerank/apply-rerank';
import type { DocumentRetriever } from './document-retriever';
import { fuseRankings, type RankFusion } from './fuse-rankings';
import type { RetrievedDocument } from './retrieved-document.types';
import type { DocumentRetrieveOptions } from './retriever-options.types';

/** Options of `new HybridRetriever(...)`. */
export interface HybridRetrieverOptions extends Omit<DocumentRetrieveOptions, 'signal'> {
  /** The retrievers to combine, typically a `Retriever` (vectors) and a `KeywordRetriever`. */
  readonly retrievers: readonly DocumentRetriever[];
  /**
   * How the rankings become one. `rrf` (default): reciprocal rank fusion, `sum(w / (rrfK +
   * rank))`, which needs no score calibration. `weighted`: each member's scores min-max
   * normalized to [0, 1], then `sum(w * score)`, which keeps how far apart the scores are.
   */
  readonly fusion?: RankFusion;
  /** One weight per retriever (>= 0). Default: all 1. */
  readonly weights?: readonly number[];
  /** The RRF constant. Default 60 (Cormack et al., 2009; Elasticsearch and OpenSearch too). */
  readonly rrfK?: number;
  /** Candidates asked of each retriever before fusing. Default `max(20, 4 * k)`. */
  readonly fetchK?: number;
}

// Fusion used when none is given.
const DEFAULT_FUSION: RankFusion = 'rrf';
/** RRF constant used when none is given. */
export const DEFAULT_RRF_K = 60;

/**
 * Hybrid retrieval: asks every member retriever (in parallel, each with the same filter, applied
 * before ranking in each) for `fetchK` candidates, fuses the rankings into one (a document found
 * by several members collects from each), keeps the top k, then applies the score threshold (in
 * the fused scale) and, optionally, a reranker. Members keep their own settings (MMR, a threshold);
 * `rerank` given to the hybrid runs once, on the fused list.
 *
 * @example
 * const hybrid = new HybridRetriever({
 *   retrievers: [new Retriever({ store, embed }), new KeywordRetriever({ index })],
 *   k: 5,
 *   fusion: 'rrf',
 * });
 */
export class HybridRetriever implements DocumentRetriever {
  constructor(protected readonly options: HybridRetrieverOptions) {
    checkHybridOptions(options);
  }

  /** The documents for `query`, best first, ranked from 1. */
  async retrieve(
    query: string,
    options: DocumentRetrieveOptions = {},
  ): Promise<RetrievedDocument[]> {
    const k = options.k ?? this.options.k ?? 4;
    const filter = options.filter ?? this.options.filter;
    const threshold = options.scoreThreshold ?? this.options.scoreThreshold;
    const fetchK = Math.max(k, this.options.fetchK ?? Math.max(20, 4 * k));
    const rankings = await Promise.all(
      this.options.retrievers.map((retriever) =>
        retriever.retrieve(query, {
          k: fetchK,
          ...(filter !== undefined && { filter }),
          ...(options.signal !== undefined && { signal: options.signal }),
        }),
      ),
    );
    let fused = fuseRankings(rankings, {
      fusion: this.options.fusion ?? DEFAULT_FUSION,
      weights: this.options.weights ?? rankings.map(() => 1),
      rrfK: this.options.rrfK ?? DEFAULT_RRF_K,
    }).slice(0, k);
    if (threshold !== undefined) fused = fused.filter((hit) => hit.score >= threshold);
    const found = fused.map((hit, index) => ({ ...hit, rank: index + 1 }));
    return applyRerank(query, found, options.rerank ?? this.options.rerank, options.signal);
  }
}

/** Every problem of the options in one error, at construction. */
function checkHybridOptions(options: HybridRetrieverOptions): void {
  const issues = [];
  const count = options.retrievers?.length ?? 0;
  if (count === 0) issues.push({ path: 'retrievers', message: 'must list at least one retriever' });
  if (options.fusion !== undefined && options.fusion !== 'rrf' && options.fusion !== 'weighted') {
    issues.push({
      path: 'fusion',
      message: `must be 'rrf' or 'weighted', got ${String(options.fusion)}`,
    });
  }
  if (options.weights !== undefined) {
    if (options.weights.length !== count) {
      issues.push({
        path: 'weights',
        message: `has ${options.weights.length} weights for ${count} retrievers`,
      });
    }
    options.weights.forEach((weight, index) => {
      if (!Number.isFinite(weight) || weight < 0) {
        issues.push({
          path: `weights[${index}]`,
          message: `must be a finite number >= 0, got ${weight}`,
        });
      }
    });
  }
  for (const key of ['k', 'fetchK'] as const) {
    const value = options[key];
    if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
      issues.push({ path: key, message: `must be a positive integer, got ${value}` });
    }
  }
  if (options.rrfK !== undefined && (!Number.isFinite(options.rrfK) || options.rrfK < 0)) {
    issues.push({ path: 'rrfK', message: `must be a finite number >= 0, got ${options.rrfK}` });
  }
  if (issues.length > 0)
    throw new ConduitValidationError(issues, 'Invalid HybridRetriever options');
}
