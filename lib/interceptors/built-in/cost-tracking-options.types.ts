import type { ConduitCallContext } from '../../core';
import type { CostTracker } from './cost-tracker.service';
import type { ModelPrice } from './cost.types';

/** Options of `CostTrackingInterceptor`. */
export interface CostTrackingInterceptorOptions {
  /**
   * Prices by model id (`gpt-4o-mini`) or provider and model id (`openai/gpt-4o-mini`, checked
   * first). Win over the catalogue prices of `context.modelInfo.pricing`. Default: none.
   */
  readonly prices?: Readonly<Record<string, ModelPrice>>;
  /** The key a call is charged to (tenant, user). Default: none (only totals and per model). */
  readonly key?: (context: ConduitCallContext) => string | undefined;
  /**
   * Budget in US dollars: a call is refused with `BudgetExceededError` once the money spent under
   * its key (all calls when it has none) reached it. A function gives each key its own budget
   * (`undefined`: no budget). Default: none.
   */
  readonly budgetUsd?: number | ((key: string | undefined) => number | undefined);
  /**
   * Where figures go. Default: the `CostTracker` Nest injects when it builds the class (the one
   * `ConduitModule` provides); a private tracker for an instance made with `new`, also when it
   * is given to `ConduitModule`.
   */
  readonly tracker?: CostTracker;
  /** Clock in ms for `CostRecord.at`. Default `Date.now`. */
  readonly now?: () => number;
}
