import type { Type } from '@nestjs/common';
import type { ConduitInterceptor } from '../core/conduit-interceptor.interface';

/**
 * An interceptor given in the options: a class (resolved from DI once at bootstrap, so it can
 * inject services: the provider instance if some module provides it, otherwise built by Nest as if
 * it were a provider of the module that imports `ConduitModule`) or a ready-made instance (used as
 * is, injecting nothing).
 */
export type ConduitInterceptorEntry = Type<ConduitInterceptor> | ConduitInterceptor;

/**
 * The interceptors part of `ConduitModuleOptions`: what `InterceptorRegistry` resolves. Kept in
 * this folder so the registry reads its own part, not the root file that composes every floor's.
 */
export interface InterceptorsModuleOptions {
  /** Interceptors around every call (outermost). */
  readonly interceptors?: readonly ConduitInterceptorEntry[];
  /** Interceptors around the chat and stream calls of one chat model alias (inside the global ones). */
  readonly modelInterceptors?: Readonly<Record<string, readonly ConduitInterceptorEntry[]>>;
  /** Interceptors around the calls of one embedding model alias (inside the global ones). */
  readonly embeddingModelInterceptors?: Readonly<
    Record<string, readonly ConduitInterceptorEntry[]>
  >;
}
