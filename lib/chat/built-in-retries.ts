import type { ConduitInterceptor } from '../core/conduit-interceptor.interface';
import { isRecord } from '../core/is-record';
import type { RetrySetting } from '../core/retry-options.types';
import { RetryInterceptor } from '../interceptors/built-in/retry.interceptor';
import type { ModelsModuleOptions } from '../models/model-options.types';
import type { ChatModuleOptions } from './chat-module-options.types';

/** The module's retry when `forRoot` sets none. */
export const DEFAULT_RETRY: RetrySetting = { maxRetries: 2 };

/**
 * The built-in retry of each call, made once per scope from the module options: the call's
 * `retry`, else the alias's (`modelRetry` / `models.<alias>.retry`), else the module's `retry`
 * (default `{ maxRetries: 2 }`). Each is a `RetryInterceptor` placed after the global and
 * per-model interceptors and before the call's own, and left out when any of those is a
 * `RetryInterceptor`: one retry loop a call, so tries never multiply.
 */
export class BuiltInRetries {
  private readonly moduleRetry: RetryInterceptor | undefined;
  private readonly chat = new Map<string, RetryInterceptor | undefined>();
  private readonly embedding = new Map<string, RetryInterceptor | undefined>();
  /** Lists already checked for a RetryInterceptor (the resolved global and per-model lists). */
  private readonly hasOwnRetry = new WeakMap<readonly ConduitInterceptor[], boolean>();
  /** The chain of a call with only the global interceptors and a module or alias retry. */
  private readonly globalChains = new WeakMap<
    RetryInterceptor,
    {
      readonly global: readonly ConduitInterceptor[];
      readonly chain: readonly ConduitInterceptor[];
    }
  >();

  constructor(options: ChatModuleOptions & Partial<ModelsModuleOptions>) {
    this.moduleRetry = retryOf(options.retry ?? DEFAULT_RETRY);
    collect(this.chat, options.models, options.modelRetry);
    collect(this.embedding, options.embeddingModels, options.embeddingModelRetry);
  }

  /**
   * The chain of one call: `global`, `perModel`, the built-in retry, `perCall`. Returns `global`
   * itself when nothing else applies (no copy on the common path).
   */
  chainOf(
    kind: 'chat' | 'embedding',
    alias: string,
    global: readonly ConduitInterceptor[],
    perModel: readonly ConduitInterceptor[],
    perCall: readonly ConduitInterceptor[],
    perCallRetry: RetrySetting | undefined,
  ): readonly ConduitInterceptor[] {
    const retry =
      perCallRetry === undefined ? this.retryOfAlias(kind, alias) : retryOf(perCallRetry);
    const skip =
      retry === undefined ||
      this.includesRetry(global) ||
      this.includesRetry(perModel) ||
      perCall.some(isRetryInterceptor);
    if (skip) {
      return perModel.length === 0 && perCall.length === 0
        ? global
        : [...global, ...perModel, ...perCall];
    }
    if (perModel.length > 0 || perCall.length > 0)
      return [...global, ...perModel, retry, ...perCall];
    if (perCallRetry !== undefined) return [...global, retry];
    // The common path: the same array every call.
    const cached = this.globalChains.get(retry);
    if (cached !== undefined && cached.global === global) return cached.chain;
    const chain = [...global, retry];
    this.globalChains.set(retry, { global, chain });
    return chain;
  }

  private retryOfAlias(kind: 'chat' | 'embedding', alias: string): RetryInterceptor | undefined {
    const byAlias = kind === 'chat' ? this.chat : this.embedding;
    return byAlias.size > 0 && byAlias.has(alias) ? byAlias.get(alias) : this.moduleRetry;
  }

  private includesRetry(list: readonly ConduitInterceptor[]): boolean {
    if (list.length === 0) return false;
    let found = this.hasOwnRetry.get(list);
    if (found === undefined) {
      found = list.some(isRetryInterceptor);
      this.hasOwnRetry.set(list, found);
    }
    return found;
  }
}

function isRetryInterceptor(interceptor: ConduitInterceptor): boolean {
  return interceptor instanceof RetryInterceptor;
}

function retryOf(setting: RetrySetting): RetryInterceptor | undefined {
  return setting === false ? undefined : RetryInterceptor.fromRetryOptions(setting);
}

/** The aliases with a retry of their own: `byAlias` first, else the config's `retry`. */
function collect(
  into: Map<string, RetryInterceptor | undefined>,
  models: Readonly<Record<string, unknown>> | undefined,
  byAlias: Readonly<Record<string, RetrySetting>> | undefined,
): void {
  for (const [alias, entry] of Object.entries(models ?? {})) {
    // A configuration (it names its provider); a ready-made model's fields are its own business.
    const fromConfig =
      isRecord(entry) && typeof entry['provider'] === 'string'
        ? (entry['retry'] as RetrySetting | undefined)
        : undefined;
    const setting = byAlias?.[alias] ?? fromConfig;
    if (setting !== undefined) into.set(alias, retryOf(setting));
  }
}
