import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { CONDUIT_OPTIONS } from '../conduit.constants';
import { AbortedError } from '../core/errors/aborted.error';
import { CircuitOpenError } from '../core/errors/circuit-open.error';
import { ConduitError } from '../core/errors/conduit.error';
import { ConduitValidationError } from '../core/errors/conduit-validation.error';
import { ProviderError } from '../core/errors/provider.error';
import { hideSecrets } from '../core/hide-secrets';
import type { ChatModuleOptions } from './chat-module-options.types';
import {
  CircuitStore,
  type CircuitPermit,
  type CircuitPolicy,
  type CircuitStatus,
  type FailureRatePolicy,
} from './circuit-store';
import {
  FALLBACK_METADATA_KEY,
  type ErrorClass,
  type FailureRateSetting,
  type FallbackAttempt,
} from './fallback-options.types';
import { InMemoryCircuitStore } from './in-memory-circuit.store';

/** Whose breakers: a chat model alias (chat and stream share it) or an embedding model alias. */
export type FallbackKind = 'chat' | 'embedding';

/** The per-call part of a chain: the caller's signal and the call's metadata, both shared by every try. */
export interface FallbackCall {
  readonly signal?: AbortSignal | undefined;
  readonly metadata: Map<string, unknown>;
  readonly fallbackOn?: readonly ErrorClass[] | undefined;
}

/** One try: the answer of `alias` or its error. */
export type FallbackTry<T> = (alias: string) => Promise<T>;

const DEFAULT_FAILURE_THRESHOLD = 5;
const DEFAULT_COOLDOWN_MS = 30_000;
const DEFAULT_FAILURE_RATE = 0.5;
const DEFAULT_RATE_WINDOW_MS = 60_000;
const DEFAULT_MINIMUM_CALLS = 10;

/**
 * Runs a call along its fallback chain (`fallbacks` in the module options or the call's own),
 * each try through its own alias's interceptor chain, and keeps the circuit breakers of the
 * chain's aliases. Calls of an alias without fallbacks never come here.
 */
@Injectable()
export class FallbackChain implements OnModuleInit {
  protected store: CircuitStore | undefined;
  protected readonly policy: CircuitPolicy;
  protected readonly keyPrefix: string;
  /** The breakers' clock (`circuitBreaker.now`, default `Date.now`); also times the tries. */
  readonly now: () => number;

  /** Per-alias settings (`circuitBreaker.aliases`), by `kind:alias`; `false`: no breaker. */
  protected readonly policies = new Map<string, CircuitPolicy | false>();

  constructor(
    @Inject(CONDUIT_OPTIONS) private readonly options: ChatModuleOptions,
    private readonly moduleRef: ModuleRef,
  ) {
    hideSecrets(this, 'options', 'moduleRef');
    const breaker = options.circuitBreaker === false ? undefined : options.circuitBreaker;
    this.policy = {
      failureThreshold: breaker?.failureThreshold ?? DEFAULT_FAILURE_THRESHOLD,
      cooldownMs: breaker?.cooldownMs ?? DEFAULT_COOLDOWN_MS,
      failureRate: failureRateOf(breaker?.failureRate),
    };
    for (const [alias, setting] of Object.entries(breaker?.aliases ?? {})) {
      const policy =
        setting === false
          ? false
          : {
              failureThreshold: setting.failureThreshold ?? this.policy.failureThreshold,
              cooldownMs: setting.cooldownMs ?? this.policy.cooldownMs,
              failureRate:
                setting.failureRate === undefined
                  ? this.policy.failureRate
                  : failureRateOf(setting.failureRate),
            };
      this.policies.set(`chat:${alias}`, policy);
      this.policies.set(`embedding:${alias}`, policy);
    }
    this.keyPrefix = breaker?.keyPrefix ?? 'conduit:circuit:';
    this.now = breaker?.now ?? Date.now;
  }

  /** The store: `circuitBreaker.store`, else the app's `CircuitStore` provider, else in memory. */
  onModuleInit(): void {
    if (this.options.circuitBreaker === false) return;
    this.store =
      this.options.circuitBreaker?.store ?? this.appStore() ?? new InMemoryCircuitStore();
  }

  /**
   * The aliases to try after `alias`, or undefined when there are none (the fast path: no
   * allocation). A call's own list wins; an empty one turns fallbacks off for the call.
   */
  fallbacksOf(
    kind: FallbackKind,
    alias: string,
    perCall: readonly string[] | undefined,
  ): readonly string[] | undefined {
    const list =
      perCall ??
      (kind === 'chat' ? this.options.fallbacks : this.options.embeddingFallbacks)?.[alias];
    return list === undefined || list.length === 0 ? undefined : list;
  }

  /**
   * Tries `alias`, then each fallback, until one answers; records every try in the call's
   * metadata. Throws the error that stopped the chain, or `CircuitOpenError` when the last alias
   * was skipped for an open circuit.
   */
  async run<T>(
    kind: FallbackKind,
    aliases: readonly string[],
    call: FallbackCall,
    attempt: FallbackTry<T>,
  ): Promise<{ readonly result: T; readonly attempts: readonly FallbackAttempt[] }> {
    const attempts = this.attemptsOf(call);
    const skipped: string[] = [];
    for (let index = 0; index < aliases.length; index++) {
      const alias = aliases[index];
      const pending = this.permit(kind, alias);
      // An in-process store answers synchronously: no await (no microtask) on the healthy path.
      const permit = typeof pending === 'string' ? pending : await pending;
      if (permit === 'reject') {
        skipped.push(alias);
        attempts.push({ alias, error: CircuitOpenError.name, durationMs: 0 });
        continue;
      }
      const started = this.now();
      let result: T;
      try {
        result = await attempt(alias);
      } catch (error: unknown) {
        attempts.push({ alias, error: nameOf(error), durationMs: this.now() - started });
        if (!this.fallsBack(error, call)) {
          await this.settleWithoutFallback(kind, alias, permit, error);
          throw error;
        }
        await this.failed(kind, alias);
        if (index === aliases.length - 1) throw error;
        continue;
      }
      attempts.push({ alias, durationMs: this.now() - started });
      const done = this.succeeded(kind, alias);
      if (done !== undefined) await done;
      return { result, attempts };
    }
    throw new CircuitOpenError(skipped);
  }

  /** The attempts list of the call, kept in its metadata for `chatWithContext`. */
  attemptsOf(call: FallbackCall): FallbackAttempt[] {
    const attempts: FallbackAttempt[] = [];
    call.metadata.set(FALLBACK_METADATA_KEY, attempts);
    return attempts;
  }

  /**
   * Whether the next alias gets the request: a retryable error (timeouts included), or one of
   * `fallbackOn`; never a caller's abort or an invalid call.
   */
  fallsBack(error: unknown, call: FallbackCall): boolean {
    if (call.signal?.aborted === true) return false;
    const listed = call.fallbackOn ?? this.options.fallbackOn ?? [];
    if (listed.some((type) => error instanceof type)) return true;
    if (error instanceof AbortedError || error instanceof ConduitValidationError) return false;
    return error instanceof ConduitError && error.isRetryable;
  }

  /**
   * The breaker's answer for `alias` (synchronous when the store answers so); a store that fails
   * lets the call through (fails open). An alias without a breaker is always allowed.
   */
  permit(kind: FallbackKind, alias: string): CircuitPermit | Promise<CircuitPermit> {
    const policy = this.policyOf(kind, alias);
    if (this.store === undefined || policy === false) return 'allow';
    try {
      const permit = this.store.acquire(this.keyOf(kind, alias), this.now(), policy);
      return typeof permit === 'string' ? permit : permit.catch(() => 'allow' as const);
    } catch {
      return 'allow';
    }
  }

  /** A try failed with an error that falls back: counts it against the alias's breaker. */
  async failed(kind: FallbackKind, alias: string): Promise<void> {
    const policy = this.policyOf(kind, alias);
    if (this.store === undefined || policy === false) return;
    try {
      await this.store.recordFailure(this.keyOf(kind, alias), this.now(), policy);
    } catch {
      // The breaker is advisory: a store outage must not fail the call.
    }
  }

  /** A try answered: closes the alias's breaker. Undefined when nothing was left to wait for. */
  succeeded(kind: FallbackKind, alias: string): Promise<void> | undefined {
    const policy = this.policyOf(kind, alias);
    if (this.store === undefined || policy === false) return undefined;
    try {
      const done =
        policy.failureRate === undefined
          ? this.store.recordSuccess(this.keyOf(kind, alias))
          : this.store.recordSuccess(this.keyOf(kind, alias), this.now(), policy);
      return done === undefined ? undefined : done.catch(() => undefined);
    } catch {
      // As above.
      return undefined;
    }
  }

  /**
   * A try ended with an error that does not fall back. A provider that answered (an HTTP error
   * such as a 400 or a 401) is up: its breaker closes. An abort or an invalid call says nothing
   * about the alias: a probe's place is freed so that the next call probes at once, instead of
   * the alias being skipped for a whole cool-down.
   */
  async settleWithoutFallback(
    kind: FallbackKind,
    alias: string,
    permit: CircuitPermit,
    error: unknown,
  ): Promise<void> {
    if (error instanceof ProviderError) {
      await this.succeeded(kind, alias);
      return;
    }
    if (permit === 'probe') await this.releaseProbe(kind, alias);
  }

  /**
   * The breaker state of `alias` for health checks: `off` when it has no breaker (breakers off,
   * or `circuitBreaker.aliases.<alias>: false`), `unknown` when the store cannot tell or fails.
   */
  async circuitStatus(
    kind: FallbackKind,
    alias: string,
  ): Promise<CircuitStatus | 'off' | 'unknown'> {
    const policy = this.policyOf(kind, alias);
    if (this.store === undefined || policy === false) return 'off';
    try {
      return (await this.store.status(this.keyOf(kind, alias), this.now(), policy)) ?? 'unknown';
    } catch {
      return 'unknown';
    }
  }

  /** Frees the probe's place of `alias` (see `CircuitStore.releaseProbe`). */
  async releaseProbe(kind: FallbackKind, alias: string): Promise<void> {
    if (this.store === undefined) return;
    try {
      await this.store.releaseProbe(this.keyOf(kind, alias));
    } catch {
      // As above: the lease ends by itself after a cool-down.
    }
  }

  /** The breaker settings of `alias`: its own (`circuitBreaker.aliases`) or the module's. */
  protected policyOf(kind: FallbackKind, alias: string): CircuitPolicy | false {
    if (this.policies.size === 0) return this.policy;
    return this.policies.get(`${kind}:${alias}`) ?? this.policy;
  }

  protected keyOf(kind: FallbackKind, alias: string): string {
    return `${this.keyPrefix}${kind}:${alias}`;
  }

  /** An app-provided `CircuitStore`, from any module of the application. */
  private appStore(): CircuitStore | undefined {
    try {
      return this.moduleRef.get(CircuitStore, { strict: false });
    } catch {
      return undefined;
    }
  }
}

/** The failure-rate rule with its defaults filled in; `false` or absent: none. */
function failureRateOf(
  setting: false | FailureRateSetting | undefined,
): FailureRatePolicy | undefined {
  if (setting === undefined || setting === false) return undefined;
  return {
    threshold: setting.threshold ?? DEFAULT_FAILURE_RATE,
    windowMs: setting.windowMs ?? DEFAULT_RATE_WINDOW_MS,
    minimumCalls: setting.minimumCalls ?? DEFAULT_MINIMUM_CALLS,
  };
}

/** The error's class name, for the attempts list (never its message: it may quote the input). */
function nameOf(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
