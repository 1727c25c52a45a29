import type { Scorer } from '../eval.types';
import { defineScorer } from './define-scorer';

/**
 * 1 when the task's successful try took at most `maxMs`; slower cases score `maxMs / duration`
 * (twice the budget: 0.5) and do not pass.
 */
export function latency(budget: { readonly maxMs: number }): Scorer {
  return defineScorer('latency', ({ durationMs }) =>
    durationMs <= budget.maxMs
      ? { score: 1 }
      : {
          score: budget.maxMs / durationMs,
          pass: false,
          reason: `took ${Math.round(durationMs)} ms, budget ${budget.maxMs} ms`,
        },
  );
}

/**
 * 1 when the case's model calls cost at most `maxUsd`, read from the `CostTracker`
 * (`CostTrackingInterceptor` records there); over budget scores `maxUsd / cost`. Without a tracker
 * the cost is unknown and the case fails, saying so: a budget that cannot be checked is not met.
 */
export function cost(budget: { readonly maxUsd: number }): Scorer {
  return defineScorer('cost', ({ costUsd }) => {
    if (costUsd === undefined) {
      return {
        score: 0,
        reason:
          'no CostTracker: install CostTrackingInterceptor in the module, or pass costTracker',
      };
    }
    return costUsd <= budget.maxUsd
      ? { score: 1 }
      : {
          score: budget.maxUsd / costUsd,
          pass: false,
          reason: `cost $${costUsd.toPrecision(3)}, budget $${budget.maxUsd}`,
        };
  });
}
