/**
 * The failure-rate rule of a breaker: the circuit also opens when, within one window of
 * `windowMs`, at least `minimumCalls` calls were made and the share that failed reached
 * `threshold` (0.5: half of them). Catches a provider that fails every other call, which never
 * makes `failureThreshold` consecutive failures.
 */
export interface FailureRatePolicy {
  /** Share of failed calls that opens the circuit, in (0, 1]. */
  readonly threshold: number;
  /** Length of a counting window, in ms (fixed windows: the counts restart when one ends). */
  readonly windowMs: number;
  /** Calls a window needs before its rate counts (so that 1 failure of 1 call does not open). */
  readonly minimumCalls: number;
}

/** The breaker settings a store applies to one key. */
export interface CircuitPolicy {
  /** Consecutive failures that open the circuit. */
  readonly failureThreshold: number;
  /** How long an open circuit refuses calls, in ms; also how long a probe call may take. */
  readonly cooldownMs: number;
  /** Also open on a failure rate over a window (successes are then counted too). */
  readonly failureRate?: FailureRatePolicy | undefined;
}

/**
 * What a breaker lets a call do: `allow` (closed), `probe` (half-open: this call is the one probe,
 * others are refused until it settles or its lease of `cooldownMs` ends) or `reject` (open).
 */
export type CircuitPermit = 'allow' | 'probe' | 'reject';

/**
 * What a breaker is doing, as health checks report it: `closed` (calls go through), `open`
 * (skipped until the cool-down ends) or `half-open` (the cool-down ended: the next call probes,
 * or a probe is running).
 */
export type CircuitStatus = 'closed' | 'open' | 'half-open';

/**
 * Keeps the state of the circuit breakers of fallback chains. An abstract class so that it doubles
 * as the injection token: provide `{ provide: CircuitStore, useValue: new RedisCircuitStore(...) }`
 * (or pass `circuitBreaker: { store }`) to share breakers between app instances. Implementations
 * make each method atomic for its key, so that two replicas never both take the one probe.
 */
export abstract class CircuitStore {
  /**
   * Whether a call may go to `key` at time `now` (ms); `probe` reserves the half-open probe. A
   * store in this process may answer synchronously (the chain then spends no microtask on it).
   */
  abstract acquire(
    key: string,
    now: number,
    policy: CircuitPolicy,
  ): Promise<CircuitPermit> | CircuitPermit;
  /** A call failed with an error that falls back: counts it, opens the circuit at the threshold. */
  abstract recordFailure(key: string, now: number, policy: CircuitPolicy): Promise<void> | void;
  /**
   * A call succeeded: closes the circuit and clears the consecutive count. With a `failureRate`
   * policy the call is counted in its window too (`now` and `policy` are given then).
   */
  abstract recordSuccess(key: string, now?: number, policy?: CircuitPolicy): Promise<void> | void;

  /**
   * The probe of `key` ended without telling whether the alias is healthy (its caller aborted, or
   * the call was invalid): frees the probe's place so that the next call probes at once. The
   * default does nothing, and the place is freed when the probe's lease (`cooldownMs`) ends.
   */
  releaseProbe(key: string): Promise<void> | void {
    void key;
  }

  /**
   * The state of `key` at `now`, read without changing it (health checks). The default answers
   * `undefined`: a store that cannot tell is reported as `unknown`.
   */
  status(
    key: string,
    now: number,
    policy: CircuitPolicy,
  ): Promise<CircuitStatus | undefined> | CircuitStatus | undefined {
    void key;
    void now;
    void policy;
    return undefined;
  }
}
