import { Inject, Injectable, type OnModuleInit, type Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { CONDUIT_OPTIONS } from '../conduit.constants';
import type { ConduitInterceptor } from '../core/conduit-interceptor.interface';
import { hideSecrets } from '../core/hide-secrets';
import { appWideConstructorArgs } from './app-wide-constructor-args';
import { CostTracker } from './built-in/cost-tracker.service';
import { CostTrackingInterceptor } from './built-in/cost-tracking.interceptor';
import type {
  ConduitInterceptorEntry,
  InterceptorsModuleOptions,
} from './interceptor-options.types';

/** The interceptors of the module options, resolved to instances. */
export interface ResolvedInterceptors {
  readonly global: readonly ConduitInterceptor[];
  readonly chat: ReadonlyMap<string, readonly ConduitInterceptor[]>;
  readonly embedding: ReadonlyMap<string, readonly ConduitInterceptor[]>;
}

/**
 * Resolves the interceptor classes of the options once, at module init: the provider instance when
 * some module provides the class, otherwise one instance whose constructor dependencies are looked
 * up in this module first and then in every module of the app, so an options token provided by the
 * importing module (`{ provide: RETRY_INTERCEPTOR_OPTIONS, useValue: ... }`) is honoured
 * (`ModuleRef.create`, which sees only this module and its imports, builds the rare classes that
 * lookup cannot: see `appWideConstructorArgs`). Instances given in the options are used as is,
 * except that a `CostTrackingInterceptor` without a tracker of its own is handed the module's
 * `CostTracker` (`useModuleTracker`). Internal to the module; `ChatService` asks it for the chain
 * of a call.
 */
@Injectable()
export class InterceptorRegistry implements OnModuleInit {
  private resolved: ResolvedInterceptors | undefined;
  private resolving: Promise<ResolvedInterceptors> | undefined;

  constructor(
    private readonly moduleRef: ModuleRef,
    @Inject(CONDUIT_OPTIONS) private readonly options: InterceptorsModuleOptions,
    private readonly costTracker: CostTracker,
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
    if (typeof entry !== 'function') return Promise.resolve(this.attachTracker(entry));
    let instance = cache.get(entry);
    if (instance === undefined) {
      instance = this.instantiate(entry).then((built) => this.attachTracker(built));
      cache.set(entry, instance);
    }
    return instance;
  }

  private async instantiate(type: Type<ConduitInterceptor>): Promise<ConduitInterceptor> {
    try {
      return this.moduleRef.get(type, { strict: false });
    } catch {
      // Not provided by any module: build one instance, its dependencies found app-wide.
      const args = appWideConstructorArgs(type, this.moduleRef);
      return args === undefined ? this.moduleRef.create(type) : new type(...args);
    }
  }

  /** Cost figures of an interceptor without a tracker of its own go to the injectable one. */
  private attachTracker(interceptor: ConduitInterceptor): ConduitInterceptor {
    if (interceptor instanceof CostTrackingInterceptor) {
      interceptor.useModuleTracker(this.costTracker);
    }
    return interceptor;
  }
}
