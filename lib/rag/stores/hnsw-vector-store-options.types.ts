import type { DistanceMetric } from './vector-store';

/** Options of `HnswVectorStore.create`. */
export interface HnswVectorStoreOptions {
  readonly dimensions: number;
  /** Default `cosine`. `dot` expects vectors you normalized yourself. */
  readonly metric?: DistanceMetric;
  /** Initial capacity; the index doubles when full. Default 1024. */
  readonly maxElements?: number;
  /** Graph degree. Default 16. */
  readonly m?: number;
  /** Build-time beam width. Default 200. */
  readonly efConstruction?: number;
  /** Search beam width (raised to k when smaller). Default 64. */
  readonly ef?: number;
  /**
   * Below this many filter matches, a filtered search scans them exactly instead of walking the
   * graph (a graph walk with a selective filter may find fewer than k). Default 2048.
   */
  readonly exactFilterThreshold?: number;
  /** Seed of the graph's level generator, for reproducible indexes. Default 100. */
  readonly randomSeed?: number;
}
