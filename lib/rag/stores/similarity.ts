import type { DistanceMetric } from './vector-store';

/**
 * Score of row `row` of a contiguous matrix against `query` (higher is closer). `norms` holds the
 * rows' L2 norms, precomputed so cosine costs one dot product a row.
 */
export function scoreRow(
  data: Float32Array,
  row: number,
  dimensions: number,
  query: Float32Array,
  queryNorm: number,
  norms: Float32Array,
  metric: DistanceMetric,
): number {
  const offset = row * dimensions;
  if (metric === 'euclidean') {
    let sum = 0;
    for (let d = 0; d < dimensions; d++) {
      const diff = data[offset + d] - query[d];
      sum += diff * diff;
    }
    return -Math.sqrt(sum);
  }
  let dot = 0;
  for (let d = 0; d < dimensions; d++) dot += data[offset + d] * query[d];
  if (metric === 'dot') return dot;
  const denominator = norms[row] * queryNorm;
  return denominator === 0 ? 0 : dot / denominator;
}

/** L2 norm of `length` values of `data` from `offset`. */
export function normOf(data: Float32Array, offset: number, length: number): number {
  let sum = 0;
  for (let d = 0; d < length; d++) sum += data[offset + d] ** 2;
  return Math.sqrt(sum);
}
