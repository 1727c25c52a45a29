import { ModuleRef, type ModulesContainer } from '@nestjs/core';
import { CONDUIT_IMPORT_ANCHOR } from './conduit-import-anchor';

/**
 * Nest's module objects as the public `ModulesContainer` holds them. Only their public getters
 * are read (`providers`, `imports`, `isGlobal`, `metatype`, `getProviderByKey`), the same in
 * Nest 11 and 12 (the versions this package supports); this file is the one place that reads them.
 */
type NestModule = ModulesContainer extends Map<string, infer M> ? M : never;

/** A module that imports ConduitModule: its name (for messages) and its `ModuleRef`. */
export interface ImportingModule {
  readonly name: string;
  readonly moduleRef: ModuleRef;
}

function holdsAnchor(module: NestModule, anchor: unknown): boolean {
  return module.providers.get(CONDUIT_IMPORT_ANCHOR)?.instance === anchor;
}

/**
 * The modules that import the ConduitModule marked with `anchor` (see `withImportAnchor`), in the
 * order Nest scanned them: usually one, the app module; none when ConduitModule is the root.
 * `ModuleRef.create` on one of them builds a class exactly as if it were listed in that module's
 * `providers`: its own providers first, then what its imports export, then global modules.
 */
export function importingModules(container: ModulesContainer, anchor: unknown): ImportingModule[] {
  const modules = [...container.values()];
  // The non-global module carrying the anchor is the one the app wrote in `imports`.
  const imported = modules.find((module) => !module.isGlobal && holdsAnchor(module, anchor));
  if (imported === undefined) return [];
  return modules
    .filter((module) => module.imports.has(imported) && !holdsAnchor(module, anchor))
    .map((module) => ({
      name: module.metatype.name,
      moduleRef: module.getProviderByKey(ModuleRef).instance,
    }));
}
