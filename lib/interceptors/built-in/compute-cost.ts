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
 * The cost of `usage` at `price`:
 * - input: cache reads and cache writes at their prices (default the input price), the rest of
 *   `inputTokens` at the input price (`inputTokens` includes cached tokens, as every provider
 *   mapping normalizes it);
 * - output: `max(outputTokens, totalTokens - inputTokens)` tokens, so reasoning a provider counts
 *   outside `outputTokens` (xAI) is still paid; the reasoning share at `reasoningPerMillion` when
 *   given, else at the output price.
 */
export function computeCost(usage: Usage, price: ModelPrice): CostBreakdown {
  const cacheRead = usage.cacheReadTokens ?? 0;
  const cacheWrite = usage.cacheWriteTokens ?? 0;
  const uncached = Math.max(0, usage.inputTokens - cacheRead - cacheWrite);
  const output = Math.max(usage.outputTokens, usage.totalTokens - usage.inputTokens);
  const reasoning =
    price.reasoningPerMillion === undefined ? 0 : Math.min(output, usage.reasoningTokens ?? 0);
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
