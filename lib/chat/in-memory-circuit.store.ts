import { CircuitStore, type CircuitPermit, type CircuitPolicy } from './circuit-store';

/** Options of `InMemoryCircuitStore`. */
export interface InMemoryCircuitStoreOptions {
  /** Most circuits kept; the oldest is forgotten (closed) beyond. Default 10000. */
  readonly maxKeys?: number;
}

interface CircuitState {
  failures: number;
  /** When the circuit opened (ms), or undefined while closed. */
  openedAt: number | undefined;
  /** When the running probe started (ms), or undefined. */
  probeAt: number | undefined;
}

/** The default `CircuitStore`: this process only, bounded to `maxKeys` circuits. */
export class InMemoryCircuitStore extends CircuitStore {
  protected readonly circuits = new Map<string, CircuitState>();
  protected readonly maxKeys: number;

  constructor(options: InMemoryCircuitStoreOptions = {}) {
    super();
    this.maxKeys = options.maxKeys ?? 10_000;
  }

  acquire(key: string, now: number, policy: CircuitPolicy): Promise<CircuitPermit> {
    const state = this.circuits.get(key);
    if (state?.openedAt === undefined) return Promise.resolve('allow');
    if (now < state.openedAt + policy.cooldownMs) return Promise.resolve('reject');
    // A probe that never reported back (its caller went away) frees its place after a cool-down.
    if (state.probeAt !== undefined && now < state.probeAt + policy.cooldownMs) {
      return Promise.resolve('reject');
    }
    state.probeAt = now;
    return Promise.resolve('probe');
  }

  recordFailure(key: string, now: number, policy: CircuitPolicy): Promise<void> {
    let state = this.circuits.get(key);
    if (state === undefined) {
      if (this.circuits.size >= this.maxKeys) {
        const oldest = this.circuits.keys().next().value;
        if (oldest !== undefined) this.circuits.delete(oldest);
      }
      state = { failures: 0, openedAt: undefined, probeAt: undefined };
      this.circuits.set(key, state);
    }
    state.failures += 1;
    if (state.failures >= policy.failureThreshold) {
      state.openedAt = now;
      state.probeAt = undefined;
    }
    return Promise.resolve();
  }

  recordSuccess(key: string): Promise<void> {
    this.circuits.delete(key);
    return Promise.resolve();
  }
}
