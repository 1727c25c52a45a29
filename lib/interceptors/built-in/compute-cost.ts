import type { Usage } from '../../core';
import type { CostBreakdown, ModelPrice } from './cost.types';

const PER_MILLION = 1_000_000;

/** A breakdown of zeros (unknown price, cache hits). */
export const ZERO_COST: CostBreakdown = {
  inputUsd: 0,
  cacheReadUsd: 0,
  cacheWriteUsd: 0,
  outputUsd: 0,
  reasoningUsd: 0,
  totalUsd: 0,
};

/**
 * A token count fit to price: negative, NaN and infinite counts are 0. Provider mappings already
 * drop impossible counts; this is the second line, because one negative count was enough to make
 * the spent dollars negative and let every later call pass its budget.
 */
function countOf(tokens: number | undefined): number {
  return tokens !== undefined && Number.isFinite(tokens) && tokens > 0 ? tokens : 0;
}

/**
 * The cost of `usage` at `price`:
 * - input: cache reads and cache writes at their prices (default the input price), the rest of
 *   `inputTokens` at the input price (`inputTokens` includes cached tokens, as every provider
 *   mapping normalizes it);
 * - output: `max(outputTokens, totalTokens - inputTokens)` tokens, so reasoning a provider counts
 *   outside `outputTokens` (xAI) is still paid; the reasoning share at `reasoningPerMillion` when
 *   given, else at the output price.
 *
 * Counts that are negative or not finite are taken as 0, so a cost is never below zero (given
 * non-negative prices).
 */
export function computeCost(usage: Usage, price: ModelPrice): CostBreakdown {
  const input = countOf(usage.inputTokens);
  const cacheRead = countOf(usage.cacheReadTokens);
  const cacheWrite = countOf(usage.cacheWriteTokens);
  const uncached = Math.max(0, input - cacheRead - cacheWrite);
  const output = Math.max(countOf(usage.outputTokens), countOf(usage.totalTokens) - input);
  const reasoning =
    price.reasoningPerMillion === undefined ? 0 : Math.min(output, countOf(usage.reasoningTokens));
  const inputUsd = (uncached * price.inputPerMillion) / PER_MILLION;
  const cacheReadUsd =
    (cacheRead * (price.cacheReadPerMillion ?? price.inputPerMillion)) / PER_MILLION;
  const cacheWriteUsd =
    (cacheWrite * (price.cacheWritePerMillion ?? price.inputPerMillion)) / PER_MILLION;
  const outputUsd = ((output - reasoning) * price.outputPerMillion) / PER_MILLION;
  const reasoningUsd = (reasoning * (price.reasoningPerMillion ?? 0)) / PER_MILLION;
  return {
    inputUsd,
    cacheReadUsd,
    cacheWriteUsd,
    outputUsd,
    reasoningUsd,
    totalUsd: inputUsd + cacheReadUsd + cacheWriteUsd + outputUsd + reasoningUsd,
  };
}
