import type { DeploymentStrategy } from './deployment-strategy';

/**
 * The state of a pool's choice: which deployment a call starts with, and the order in which the
 * others are tried when it answers 429. Pure bookkeeping (no I/O), one instance per pool.
 *
 * Every deployment is tried at most once per call: `order()` returns all of them, the strategy's
 * pick first, then the rest in list order starting after it, with the ones cooling down after a
 * 429 moved to the end (still tried: a call must not fail while a key may have recovered).
 */
export class DeploymentPicker {
  private next = 0;
  private readonly inFlight: number[];
  private readonly current: number[];
  private readonly coolUntil: number[];
  private readonly totalWeight: number;

  constructor(
    private readonly strategy: DeploymentStrategy,
    private readonly weights: readonly number[],
    private readonly now: () => number = Date.now,
  ) {
    this.inFlight = weights.map(() => 0);
    this.current = weights.map(() => 0);
    this.coolUntil = weights.map(() => 0);
    this.totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
  }

  /** The deployments to try for one call, best first (indexes into the pool's list). */
  order(): number[] {
    const count = this.weights.length;
    const first = this.pick();
    const now = this.now();
    const ready: number[] = [];
    const cooling: number[] = [];
    for (let step = 0; step < count; step++) {
      const index = (first + step) % count;
      (this.coolUntil[index] > now ? cooling : ready).push(index);
    }
    // The soonest to recover first among those cooling down.
    cooling.sort((a, b) => this.coolUntil[a] - this.coolUntil[b]);
    return ready.concat(cooling);
  }

  /** A call started on deployment `index`. */
  started(index: number): void {
    this.inFlight[index]++;
  }

  /** The call on deployment `index` ended, however it ended. */
  ended(index: number): void {
    this.inFlight[index] = Math.max(0, this.inFlight[index] - 1);
  }

  /** Deployment `index` answered 429: later calls start elsewhere for `ms`. */
  coolDown(index: number, ms: number): void {
    this.coolUntil[index] = Math.max(this.coolUntil[index], this.now() + ms);
  }

  /** How many calls are in flight on each deployment (for health reports and tests). */
  busy(): readonly number[] {
    return [...this.inFlight];
  }

  private pick(): number {
    const count = this.weights.length;
    switch (this.strategy) {
      case 'round-robin': {
        const index = this.next;
        this.next = (index + 1) % count;
        return index;
      }
      case 'least-busy': {
        let best = 0;
        for (let index = 1; index < count; index++) {
          if (this.inFlight[index] < this.inFlight[best]) best = index;
        }
        return best;
      }
      case 'weighted': {
        // Smooth weighted round-robin (as in nginx): each turn every deployment gains its weight,
        // the richest is picked and pays the total back.
        let best = 0;
        for (let index = 0; index < count; index++) {
          this.current[index] += this.weights[index];
          if (this.current[index] > this.current[best]) best = index;
        }
        this.current[best] -= this.totalWeight;
        return best;
      }
    }
  }
}
