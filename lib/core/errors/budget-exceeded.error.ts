import { ConduitError } from './conduit.error';

/** What `BudgetExceededError` reports. */
export interface BudgetExceededDetails {
  /** The cost key whose budget is spent (`undefined`: the budget of all calls together). */
  readonly key?: string;
  /** US dollars spent so far under that key. */
  readonly spentUsd: number;
  /** The budget, in US dollars. */
  readonly budgetUsd: number;
}

/**
 * `CostTrackingInterceptor` refused a call because the money already spent under its key reached
 * the budget. Nothing was sent to the provider. Not retryable.
 */
export class BudgetExceededError extends ConduitError {
  readonly key: string | undefined;
  readonly spentUsd: number;
  readonly budgetUsd: number;

  constructor(details: BudgetExceededDetails) {
    const who = details.key === undefined ? 'all calls' : `key '${details.key}'`;
    super(
      `The budget of ${who} is spent: $${details.spentUsd.toFixed(6)} of $${details.budgetUsd.toFixed(6)}. Raise the budget or reset the CostTracker.`,
      { isRetryable: false },
    );
    this.key = details.key;
    this.spentUsd = details.spentUsd;
    this.budgetUsd = details.budgetUsd;
  }
}
