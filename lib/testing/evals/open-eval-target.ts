import type { INestApplication } from '@nestjs/common';
import type { TestingModule, TestingModuleBuilder } from '@nestjs/testing';
import type { EvalModuleSource, EvalOptions, EvalTarget } from './eval.types';

function isBuilder(value: unknown): value is TestingModuleBuilder {
  return typeof (value as Partial<TestingModuleBuilder> | null)?.compile === 'function';
}

async function compiled(source: EvalModuleSource): Promise<TestingModule> {
  const given = typeof source === 'function' ? await source() : source;
  const moduleRef = isBuilder(given) ? await given.compile() : given;
  // Tools, agents and MCP servers are discovered at bootstrap: init() runs it (a no-op when done).
  await moduleRef.init();
  return moduleRef;
}

/**
 * Builds the eval's target once: compiles and initialises the module, initialises the app, or
 * calls `setup`. An eval with none of them has no target (its task needs no Nest).
 */
export async function openEvalTarget(
  options: Pick<EvalOptions, 'module' | 'app' | 'setup'>,
): Promise<EvalTarget | undefined> {
  if (options.module !== undefined) return compiled(options.module);
  if (options.app !== undefined) {
    const app: INestApplication = await options.app();
    await app.init();
    return app;
  }
  if (options.setup !== undefined) return options.setup();
  return undefined;
}
