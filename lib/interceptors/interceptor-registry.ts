import { Inject, Injectable, type OnModuleInit, type Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { ConduitInterceptorEntry, ConduitModuleOptions } from '../conduit-options.interface';
import { CONDUIT_OPTIONS } from '../conduit.constants';
import type { ConduitInterceptor } from '../core/conduit-interceptor.interface';
import { hideSecrets } from '../core/hide-secrets';

/** The interceptors of the module options, resolved to instances. */
export interface ResolvedInterceptors {
  readonly global: readonly ConduitInterceptor[];
  readonly chat: ReadonlyMap<string, readonly ConduitInterceptor[]>;
  readonly embedding: ReadonlyMap<string, readonly ConduitInterceptor[]>;
}

/**
 * Resolves the interceptor classes of the options once, at module init: the provider instance when
 * some module provides the class, otherwise one instance made with `ModuleRef.create` (so its
 * constructor dependencies are injected). Instances given in the options are used as is.
 * Internal to the module; `ChatService` asks it for the chain of a call.
 */
@Injectable()
export class InterceptorRegistry implements OnModuleInit {
  private resolved: ResolvedInterceptors | undefined;
  private resolving: Promise<ResolvedInterceptors> | undefined;

  constructor(
    private readonly moduleRef: ModuleRef,
    @Inject(CONDUIT_OPTIONS) private readonly options: ConduitModuleOptions,
  ) {
    // The options hold the models' API keys, and printing the ModuleRef dumps the whole container
    // (those options included): a logged ChatService must show neither.
    hideSecrets(this, 'moduleRef', 'options');
  }

  async onModuleInit(): Promise<void> {
    await this.resolve();
  }

  /** Resolves once; later calls share the result (a call made before init waits for it). */
  resolve(): Promise<ResolvedInterceptors> {
    this.resolving ??= this.resolveAll().then((resolved) => (this.resolved = resolved));
    return this.resolving;
  }

  /** The resolved interceptors, or undefined before `resolve()` finished. */
  get current(): ResolvedInterceptors | undefined {
    return this.resolved;
  }

  private async resolveAll(): Promise<ResolvedInterceptors> {
    const cache = new Map<Type<ConduitInterceptor>, Promise<ConduitInterceptor>>();
    const resolveList = (entries: readonly ConduitInterceptorEntry[] = []) =>
      Promise.all(entries.map((entry) => this.resolveEntry(entry, cache)));
    const resolveMap = async (
      record: Readonly<Record<string, readonly ConduitInterceptorEntry[]>> = {},
    ) =>
      new Map(
        await Promise.all(
          Object.entries(record).map(
            async ([alias, entries]) => [alias, await resolveList(entries)] as const,
          ),
        ),
      );
    return {
      global: await resolveList(this.options.interceptors),
      chat: await resolveMap(this.options.modelInterceptors),
      embedding: await resolveMap(this.options.embeddingModelInterceptors),
    };
  }

  private resolveEntry(
    entry: ConduitInterceptorEntry,
    cache: Map<Type<ConduitInterceptor>, Promise<ConduitInterceptor>>,
  ): Promise<ConduitInterceptor> {
    if (typeof entry !== 'function') return Promise.resolve(entry);
    let instance = cache.get(entry);
    if (instance === undefined) {
      instance = this.instantiate(entry);
      cache.set(entry, instance);
    }
    return instance;
  }

  private async instantiate(type: Type<ConduitInterceptor>): Promise<ConduitInterceptor> {
    try {
      return this.moduleRef.get(type, { strict: false });
    } catch {
      // Not provided by any module: build one instance with its dependencies injected.
      return this.moduleRef.create(type);
    }
  }
}
