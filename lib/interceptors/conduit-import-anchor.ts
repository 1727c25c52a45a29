import { Module, type DynamicModule, type ValueProvider } from '@nestjs/common';

/**
 * Token of a value unique to one `ConduitModule.forRoot()` / `forRootAsync()` call. It marks the
 * module the app imports, so that `InterceptorRegistry` can find the importing module and let
 * Nest build interceptor classes in its context (see `importingModules`). Internal.
 */
export const CONDUIT_IMPORT_ANCHOR = Symbol('conduit:import-anchor');

/**
 * What the app imports when `isGlobal` is set: a plain module importing the global ConduitModule.
 * Nest adds a global module to the imports of every module, so the module that really imported
 * ConduitModule cannot be told apart from the others; this one is imported only where the app
 * wrote `ConduitModule.forRoot(...)`. ConduitModule itself stays global (first to initialise).
 */
@Module({})
class ConduitGlobalImportModule {}

/**
 * Marks `definition` (the dynamic ConduitModule) with a fresh anchor value and returns what the
 * app should import: the definition itself, or, when it is global, a non-global module importing
 * it that carries the same anchor.
 */
export function withImportAnchor(definition: DynamicModule): DynamicModule {
  const anchor: ValueProvider = {
    provide: CONDUIT_IMPORT_ANCHOR,
    useValue: Symbol('ConduitModule import'),
  };
  const marked: DynamicModule = {
    ...definition,
    providers: [...(definition.providers ?? []), anchor],
  };
  if (definition.global !== true) return marked;
  return { module: ConduitGlobalImportModule, imports: [marked], providers: [anchor] };
}
