import type { CircuitStore } from './circuit-store';

/** An error class (`ContextLengthExceededError`...), as listed in `fallbackOn`. */
// The constructor's parameters vary from class to class; only `instanceof` is used.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ErrorClass = abstract new (...args: any[]) => Error;

/**
 * Circuit breaker settings of the aliases in a fallback chain. A breaker opens after
 * `failureThreshold` consecutive failures (errors that would fall back), skips its alias for
 * `cooldownMs`, then lets one probe call through (half-open): a success closes it, a failure
 * opens it again.
 */
export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. Default 5. */
  readonly failureThreshold?: number;
  /** How long an open circuit skips its alias before a probe call, in ms. Default 30000. */
  readonly cooldownMs?: number;
  /**
   * Also open when a share of the calls of a window failed, e.g. `{ threshold: 0.5, windowMs:
   * 60_000, minimumCalls: 10 }` (those are the defaults of the fields left out; `true`-like `{}`
   * takes them all). Off by default: only consecutive failures count then, and successes cost no
   * store write.
   */
  readonly failureRate?: false | FailureRateSetting;
  /**
   * Where the breakers' state lives. Defaults to the app's `CircuitStore` provider, else an
   * `InMemoryCircuitStore` (this process only). `RedisCircuitStore` shares it between replicas.
   */
  readonly store?: CircuitStore;
  /** Store key prefix. Default `conduit:circuit:`. */
  readonly keyPrefix?: string;
  /** The clock, in ms (tests inject one). Default `Date.now`. */
  readonly now?: () => number;
  /**
   * Settings of single aliases, replacing the two above for them (a field left out takes the
   * module's): `{ local: { failureThreshold: 2, cooldownMs: 5_000 }, backup: false }`. `false`
   * gives the alias no breaker. Keyed by chat or embedding alias (both, when they share a name).
   */
  readonly aliases?: Readonly<Record<string, false | CircuitPolicySetting>>;
}

/** A breaker setting of one alias (`circuitBreaker.aliases.<alias>`). */
export interface CircuitPolicySetting {
  /** Consecutive failures that open the circuit. Default: the module's. */
  readonly failureThreshold?: number;
  /** How long an open circuit skips its alias, in ms. Default: the module's. */
  readonly cooldownMs?: number;
  /** The failure-rate rule of this alias (`false`: none). Default: the module's. */
  readonly failureRate?: false | FailureRateSetting;
}

/** `circuitBreaker.failureRate`: the failure-rate rule, each field with its default. */
export interface FailureRateSetting {
  /** Share of failed calls in a window that opens the circuit, in (0, 1]. Default 0.5. */
  readonly threshold?: number;
  /** Length of a counting window, in ms. Default 60000. */
  readonly windowMs?: number;
  /** Calls a window needs before its rate counts. Default 10. */
  readonly minimumCalls?: number;
}

/**
 * The fallback part of `ConduitModule.forRoot`'s options.
 *
 * @example
 * ConduitModule.forRoot({
 *   models: { default: gpt, backup: claude, large: gpt128k },
 *   fallbacks: { default: ['backup', 'large'] },
 *   fallbackOn: [ContextLengthExceededError],
 *   circuitBreaker: { failureThreshold: 5, cooldownMs: 30_000 },
 * });
 */
export interface FallbackModuleOptions {
  /**
   * Chat model alias -> the aliases tried in order when it fails with a retryable error (after its
   * own retries), a `TimeoutError` or an error listed in `fallbackOn`. Not followed transitively.
   */
  readonly fallbacks?: Readonly<Record<string, readonly string[]>>;
  /** The same for embedding model aliases; the models of one chain must share their dimensions. */
  readonly embeddingFallbacks?: Readonly<Record<string, readonly string[]>>;
  /** Non-retryable error classes that fall back too (`ContextLengthExceededError` -> a larger model). */
  readonly fallbackOn?: readonly ErrorClass[];
  /**
   * Circuit breakers of the aliases of every fallback chain: on by default when fallbacks are
   * configured; `false` turns them off.
   */
  readonly circuitBreaker?: false | CircuitBreakerOptions;
}

/** One try of a fallback chain, as listed in `providerMetadata.conduit.fallback`. */
export interface FallbackAttempt {
  readonly alias: string;
  /** The error's name (`ServerError`, `TimeoutError`, `CircuitOpenError` when skipped); absent on the answer. */
  readonly error?: string;
  /** How long the try took, in ms (0 when its circuit was open). */
  readonly durationMs: number;
}

/** The key of the attempts list in a call's `metadata` (and so in `chatWithContext`'s context). */
export const FALLBACK_METADATA_KEY = 'conduit:fallback';
