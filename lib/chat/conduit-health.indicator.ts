import { Inject, Injectable } from '@nestjs/common';
import { CONDUIT_OPTIONS, DEFAULT_MODEL_ALIAS } from '../conduit.constants';
import { hideSecrets } from '../core/hide-secrets';
import { ModelRegistry } from '../models/model-registry';
import { ChatService } from './chat.service';
import type { ChatModuleOptions } from './chat-module-options.types';
import type { CircuitStatus } from './circuit-store';
import { FallbackChain } from './fallback-chain';

/** What `ConduitHealthIndicator.isHealthy` reports of one chat model alias. */
export interface AliasHealth {
  /** The alias's circuit breaker; `off` without one, `unknown` when its store cannot tell. */
  readonly circuit: CircuitStatus | 'off' | 'unknown';
  /** Whether a call to the alias would be sent now (its circuit is not open; its probe passed). */
  readonly available: boolean;
  /** The live probe, when asked for: how long it took and, if it failed, the error's class name. */
  readonly probe?: { readonly ok: boolean; readonly durationMs: number; readonly error?: string };
}

/**
 * A health indicator result in the shape `@nestjs/terminus` expects (`HealthIndicatorResult`):
 * `{ [key]: { status: 'up' | 'down', ...details } }`.
 */
export type ConduitHealthResult = Record<
  string,
  {
    readonly status: 'up' | 'down';
    readonly aliases: Readonly<Record<string, AliasHealth>>;
    readonly [detail: string]: unknown;
  }
>;

/** Options of `ConduitHealthIndicator.isHealthy`. */
export interface ConduitHealthOptions {
  /** The chat model aliases to report (default: every one). */
  readonly aliases?: readonly string[];
  /**
   * Also send each reported alias a tiny live request (one output token, no retry, no fallback):
   * costs a call per alias and check, so keep it for a readiness probe that runs rarely.
   */
  readonly probe?: boolean;
  /** Time limit of each live probe, in ms. Default 5000. */
  readonly probeTimeoutMs?: number;
}

const DEFAULT_PROBE_TIMEOUT_MS = 5_000;

/**
 * A `@nestjs/terminus` health indicator for the models: reports each alias's circuit breaker and,
 * optionally, a live probe. The result is `down` when the `default` alias's chain (`default` and
 * its fallbacks) has no available alias left: the app could not answer a chat call. It needs no
 * import of `@nestjs/terminus` (its results are plain data in terminus's shape), so the package
 * stays an optional peer.
 *
 * @example
 * // health.controller.ts (with TerminusModule imported)
 * \@Get('health') \@HealthCheck()
 * check() {
 *   return this.health.check([() => this.conduit.isHealthy('llm')]);
 * }
 */
@Injectable()
export class ConduitHealthIndicator {
  constructor(
    private readonly chain: FallbackChain,
    private readonly models: ModelRegistry,
    private readonly chat: ChatService,
    @Inject(CONDUIT_OPTIONS) private readonly options: ChatModuleOptions,
  ) {
    hideSecrets(this, 'options');
  }

  /** The health of the models under `key` (default `conduit`), `up` or `down` as the class says. */
  async isHealthy(
    key = 'conduit',
    options: ConduitHealthOptions = {},
  ): Promise<ConduitHealthResult> {
    const aliases = options.aliases ?? this.models.chatAliases();
    const entries = await Promise.all(
      aliases.map(async (alias): Promise<[string, AliasHealth]> => {
        this.models.getChatModel(alias); // an unknown alias throws the registry's error
        return [alias, await this.aliasHealth(alias, options)];
      }),
    );
    const reported = new Map(entries);
    const chain = [DEFAULT_MODEL_ALIAS, ...(this.options.fallbacks?.[DEFAULT_MODEL_ALIAS] ?? [])];
    const known = chain.filter((alias) => reported.has(alias));
    // Only the reported aliases count: with none of the chain reported, nothing says "down".
    const up = known.length === 0 || known.some((alias) => reported.get(alias)?.available);
    return { [key]: { status: up ? 'up' : 'down', aliases: Object.fromEntries(entries) } };
  }

  private async aliasHealth(alias: string, options: ConduitHealthOptions): Promise<AliasHealth> {
    const circuit = await this.chain.circuitStatus('chat', alias);
    if (options.probe !== true) return { circuit, available: circuit !== 'open' };
    const probe = await this.probe(alias, options.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS);
    return { circuit, available: probe.ok, probe };
  }

  /** One tiny call straight to the alias: no retry, no fallback (it tests this alias alone). */
  private async probe(
    alias: string,
    timeoutMs: number,
  ): Promise<NonNullable<AliasHealth['probe']>> {
    const started = Date.now();
    try {
      await this.chat.chat('ping', {
        model: alias,
        maxTokens: 1,
        retry: false,
        fallbacks: [],
        timeoutMs,
      });
      return { ok: true, durationMs: Date.now() - started };
    } catch (error: unknown) {
      // The class name only: a message may quote the provider's body.
      const name = error instanceof Error ? error.name : typeof error;
      return { ok: false, durationMs: Date.now() - started, error: name };
    }
  }
}
