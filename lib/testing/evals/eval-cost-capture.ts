import { AsyncLocalStorage } from 'node:async_hooks';
import type { CostTracker } from '../../interceptors/built-in/cost-tracker.service';
import type { CostRecord } from '../../interceptors/built-in/cost.types';

/**
 * Collects the `CostTracker` records of each case, even when cases run concurrently: the case
 * runs inside an AsyncLocalStorage scope, and the tracker's `record` (wrapped on this one instance
 * for the eval's duration) also files each record under the scope it was made in. Model calls
 * started by the task inherit its async context, so every record lands in the right case.
 */
export class EvalCostCapture {
  private readonly scopes = new AsyncLocalStorage<CostRecord[]>();
  private restores: (() => void)[] = [];

  constructor(private readonly trackers: readonly CostTracker[]) {}

  /** Whether a tracker is watched (else the cases' cost is unknown, not zero). */
  get active(): boolean {
    return this.trackers.length > 0;
  }

  /** Starts filing records by case. */
  start(): void {
    if (this.restores.length > 0) return;
    const scopes = this.scopes;
    for (const tracker of this.trackers) {
      const original = tracker.record.bind(tracker);
      // An own property shadows the prototype's method; deleting it puts the tracker back as it was.
      Object.defineProperty(tracker, 'record', {
        configurable: true,
        writable: true,
        value: (record: CostRecord): void => {
          scopes.getStore()?.push(record);
          original(record);
        },
      });
      this.restores.push(() => {
        delete (tracker as { record?: unknown }).record;
      });
    }
  }

  /** Stops filing records. */
  stop(): void {
    this.restores.forEach((restore) => restore());
    this.restores = [];
  }

  /** Runs `fn` with its own list of records. */
  run<T>(records: CostRecord[], fn: () => Promise<T>): Promise<T> {
    return this.scopes.run(records, fn);
  }
}
