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
  private restore: (() => void) | undefined;

  constructor(private readonly tracker: CostTracker | undefined) {}

  /** Whether a tracker is watched (else the cases' cost is unknown, not zero). */
  get active(): boolean {
    return this.tracker !== undefined;
  }

  /** Starts filing records by case. */
  start(): void {
    const tracker = this.tracker;
    if (tracker === undefined || this.restore !== undefined) return;
    const original = tracker.record.bind(tracker);
    const scopes = this.scopes;
    // An own property shadows the prototype's method; deleting it puts the tracker back as it was.
    Object.defineProperty(tracker, 'record', {
      configurable: true,
      writable: true,
      value: (record: CostRecord): void => {
        scopes.getStore()?.push(record);
        original(record);
      },
    });
    this.restore = () => {
      delete (tracker as { record?: unknown }).record;
    };
  }

  /** Stops filing records. */
  stop(): void {
    this.restore?.();
    this.restore = undefined;
  }

  /** Runs `fn` with its own list of records. */
  run<T>(records: CostRecord[], fn: () => Promise<T>): Promise<T> {
    return this.scopes.run(records, fn);
  }
}
