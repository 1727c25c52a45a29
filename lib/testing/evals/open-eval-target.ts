import type { INestApplication } from '@nestjs/common';
import type { TestingModule, TestingModuleBuilder } from '@nestjs/testing';
import { ConduitValidationError } from '../../core';
import type { EvalModuleSource, EvalOptions, EvalTarget } from './eval.types';

function isBuilder(value: unknown): value is TestingModuleBuilder {
  return typeof (value as Partial<TestingModuleBuilder> | null)?.compile === 'function';
}

function hasGet(value: unknown): value is EvalTarget {
  return typeof (value as Partial<EvalTarget> | null)?.get === 'function';
}

/** A source that gave something else than a module: a typed error, not a TypeError later. */
function notATarget(option: 'module' | 'setup', value: unknown): ConduitValidationError {
  const what = option === 'module' ? 'a TestingModule or its builder' : 'an object with get(token)';
  return new ConduitValidationError(
    [{ path: option, message: `must give ${what}, got ${value === null ? 'null' : typeof value}` }],
    'Invalid eval',
  );
}

async function compiled(source: EvalModuleSource): Promise<TestingModule> {
  const given: unknown = typeof source === 'function' ? await source() : source;
  if (
    !isBuilder(given) &&
    !(hasGet(given) && typeof (given as TestingModule).init === 'function')
  ) {
    throw notATarget('module', given);
  }
  const moduleRef = isBuilder(given) ? await given.compile() : (given as TestingModule);
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
  if (options.setup !== undefined) {
    const target: unknown = await options.setup();
    if (!hasGet(target)) throw notATarget('setup', target);
    return target;
  }
  return undefined;
}
