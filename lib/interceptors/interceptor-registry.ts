import { Inject, Injectable, type OnModuleInit, type Type } from '@nestjs/common';
import { ModuleRef, ModulesContainer } from '@nestjs/core';
import { CONDUIT_OPTIONS } from '../conduit.constants';
import type { ConduitInterceptor } from '../core/conduit-interceptor.interface';
import { ConduitValidationError } from '../core/errors/conduit-validation.error';
import { hideSecrets } from '../core/hide-secrets';
import { CONDUIT_IMPORT_ANCHOR } from './conduit-import-anchor';
import { importingModules } from './importing-modules';
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

/** One resolution pass: an instance per class, and the importing module once looked up. */
interface Resolution {
  readonly instances: Map<Type<ConduitInterceptor>, Promise<ConduitInterceptor>>;
  importer?: ModuleRef;
}

/**
 * Resolves the interceptor classes of the options once, at module init, with Nest's own DI: the
 * provider instance when some module provides the class (`moduleRef.get(type, { strict: false })`),
 * otherwise one instance built by `ModuleRef.create` in the context of the module that imports
 * ConduitModule, exactly as if the class were listed in that module's `providers`. So a class sees
 * that module's own providers (an options token such as `RETRY_INTERCEPTOR_OPTIONS`, a
 * `ResponseCacheStore`, an app service), what its imports export (ConduitModule's `CostTracker`
 * among them) and global modules; a module's unexported provider stays private to it, as in Nest.
 * The same path serves `forRoot` and `forRootAsync`, whose classes are only known once its
 * factory ran. Instances given in the options are used as is. Internal to the module;
 * `ChatService` asks it for the chain of a call.
 */
@Injectable()
export class InterceptorRegistry implements OnModuleInit {
  private resolved: ResolvedInterceptors | undefined;
  private resolving: Promise<ResolvedInterceptors> | undefined;

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly modules: ModulesContainer,
    @Inject(CONDUIT_OPTIONS) private readonly options: InterceptorsModuleOptions,
    @Inject(CONDUIT_IMPORT_ANCHOR) private readonly anchor: symbol,
  ) {
    // The options hold the models' API keys, and printing the ModuleRef or the ModulesContainer
    // dumps the whole container (those options included): a logged ChatService must show neither.
    hideSecrets(this, 'moduleRef', 'modules', 'options');
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
    // Local, not a field: a ModuleRef must not show when the registry is printed (see above).
    const run: Resolution = { instances: new Map() };
    const resolveList = (entries: readonly ConduitInterceptorEntry[] = []) =>
      Promise.all(entries.map((entry) => this.resolveEntry(entry, run)));
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

  /** One instance per class, however many lists name it. */
  private resolveEntry(
    entry: ConduitInterceptorEntry,
    run: Resolution,
  ): Promise<ConduitInterceptor> {
    if (typeof entry !== 'function') return Promise.resolve(entry);
    let instance = run.instances.get(entry);
    if (instance === undefined) {
      instance = this.instantiate(entry, run);
      run.instances.set(entry, instance);
    }
    return instance;
  }

  private async instantiate(
    type: Type<ConduitInterceptor>,
    run: Resolution,
  ): Promise<ConduitInterceptor> {
    try {
      return this.moduleRef.get(type, { strict: false });
    } catch {
      // Provided by no module: Nest builds it below, as a provider of the importing module.
    }
    // A missing required dependency fails here with Nest's own error, naming it and the module.
    run.importer ??= this.importingModuleRef(type);
    return run.importer.create(type);
  }

  /**
   * The `ModuleRef` of the module that imports ConduitModule (ConduitModule's own when it is the
   * root). Several importers of one `forRoot()` value would each give the class a different
   * context, so that fails the bootstrap instead of picking one.
   */
  private importingModuleRef(type: Type<ConduitInterceptor>): ModuleRef {
    const importers = importingModules(this.modules, this.anchor);
    const [first, second] = importers;
    if (second !== undefined) {
      const names = importers.map((importer) => importer.name).join(', ');
      throw new ConduitValidationError(
        [
          {
            path: 'interceptors',
            message: `${type.name} is built in the context of the module that imports ConduitModule, and one ConduitModule.forRoot() value is imported by ${names}; import it in one module (export ConduitModule from there) or list ${type.name} in the providers of one module`,
          },
        ],
        'Ambiguous interceptor context',
      );
    }
    return first?.moduleRef ?? this.moduleRef;
  }
}
