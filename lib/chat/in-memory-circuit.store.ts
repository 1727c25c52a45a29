import {
  CircuitStore,
  type CircuitPermit,
  type CircuitPolicy,
  type CircuitStatus,
} from './circuit-store';

/** Options of `InMemoryCircuitStore`. */
export interface InMemoryCircuitStoreOptions {
  /** Most circuits kept; the oldest is forgotten (closed) beyond. Default 10000. */
  readonly maxKeys?: number;
}

interface CircuitState {
  /** Consecutive failures. */
  failures: number;
  /** The failure-rate window: when it started, its calls and its failures. */
  windowStart: number;
  windowCalls: number;
  windowFailures: number;
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

  // Synchronous answers: the fallback chain's healthy path then costs no microtask.
  acquire(key: string, now: number, policy: CircuitPolicy): CircuitPermit {
    if (this.circuits.size === 0) return 'allow';
    const state = this.circuits.get(key);
    if (state?.openedAt === undefined) return 'allow';
    if (now < state.openedAt + policy.cooldownMs) return 'reject';
    // A probe that never reported back (its caller went away) frees its place after a cool-down.
    if (state.probeAt !== undefined && now < state.probeAt + policy.cooldownMs) return 'reject';
    state.probeAt = now;
    return 'probe';
  }

  recordFailure(key: string, now: number, policy: CircuitPolicy): void {
    const state = this.stateOf(key, now);
    state.failures += 1;
    const rate = policy.failureRate;
    let open = state.failures >= policy.failureThreshold;
    if (rate !== undefined) {
      this.roll(state, now, rate.windowMs);
      state.windowCalls += 1;
      state.windowFailures += 1;
      open ||=
        state.windowCalls >= rate.minimumCalls &&
        state.windowFailures >= rate.threshold * state.windowCalls;
    }
    if (open) {
      state.openedAt = now;
      state.probeAt = undefined;
      state.windowStart = now;
      state.windowCalls = 0;
      state.windowFailures = 0;
    }
  }

  recordSuccess(key: string, now?: number, policy?: CircuitPolicy): void {
    const rate = policy?.failureRate;
    if (rate === undefined || now === undefined) {
      if (this.circuits.size !== 0) this.circuits.delete(key);
      return;
    }
    const state = this.stateOf(key, now);
    if (state.openedAt !== undefined) {
      // The probe succeeded: closed, with a fresh window.
      this.circuits.delete(key);
      return;
    }
    state.failures = 0;
    this.roll(state, now, rate.windowMs);
    state.windowCalls += 1;
  }

  /** The state of `key`, created (closed) if new; the oldest circuit is forgotten beyond `maxKeys`. */
  private stateOf(key: string, now: number): CircuitState {
    let state = this.circuits.get(key);
    if (state === undefined) {
      if (this.circuits.size >= this.maxKeys) {
        const oldest = this.circuits.keys().next().value;
        if (oldest !== undefined) this.circuits.delete(oldest);
      }
      state = {
        failures: 0,
        windowStart: now,
        windowCalls: 0,
        windowFailures: 0,
        openedAt: undefined,
        probeAt: undefined,
      };
      this.circuits.set(key, state);
    }
    return state;
  }

  /** Starts a new counting window when the current one has ended. */
  private roll(state: CircuitState, now: number, windowMs: number): void {
    if (now < state.windowStart + windowMs) return;
    state.windowStart = now;
    state.windowCalls = 0;
    state.windowFailures = 0;
  }

  override status(key: string, now: number, policy: CircuitPolicy): CircuitStatus {
    const openedAt = this.circuits.get(key)?.openedAt;
    if (openedAt === undefined) return 'closed';
    return now < openedAt + policy.cooldownMs ? 'open' : 'half-open';
  }

  override releaseProbe(key: string): void {
    const state = this.circuits.get(key);
    if (state !== undefined) state.probeAt = undefined;
  }
}
