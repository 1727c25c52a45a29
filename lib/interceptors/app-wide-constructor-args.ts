import type { InjectionToken, Type } from '@nestjs/common';
import type { ModuleRef } from '@nestjs/core';
import { ConduitValidationError } from '../core/errors/conduit-validation.error';

// Nest's own metadata keys (PARAMTYPES_METADATA, SELF_DECLARED_DEPS_METADATA,
// OPTIONAL_DEPS_METADATA, PROPERTY_DEPS_METADATA of @nestjs/common/constants), spelled out because
// that subpath is not a public entry point of every Nest version we support.
const PARAMTYPES = 'design:paramtypes';
const SELF_DECLARED_DEPS = 'self:paramtypes';
const OPTIONAL_DEPS = 'optional:paramtypes';
const PROPERTY_DEPS = 'self:properties_metadata';

function metadata<T>(key: string, type: Type<unknown>): T | undefined {
  return Reflect.getMetadata(key, type) as T | undefined;
}

function isToken(value: unknown): value is InjectionToken {
  // `Object` is what TypeScript records for an interface type without `@Inject`: not a token.
  return (
    typeof value === 'string' ||
    typeof value === 'symbol' ||
    (typeof value === 'function' && value !== Object)
  );
}

/**
 * The provider of `token`: in the module of `moduleRef` first, then in any module of the app. Two
 * modules providing different values is a configuration error: Nest would silently pick one.
 */
function lookUp(
  moduleRef: ModuleRef,
  token: InjectionToken,
  type: Type<unknown>,
  index: number,
): { value: unknown } | undefined {
  try {
    return { value: moduleRef.get(token) };
  } catch {
    // Not provided by this module: look in the others.
  }
  let values: unknown[];
  try {
    values = [...new Set(moduleRef.get(token, { strict: false, each: true }))];
  } catch {
    return undefined; // Provided nowhere (or request-scoped, which `get` refuses).
  }
  if (values.length > 1) {
    throw new ConduitValidationError(
      [
        {
          path: `${type.name} constructor parameter ${index}`,
          message: `${describe(token)} is provided by ${values.length} modules with different values; provide it once`,
        },
      ],
      'Ambiguous interceptor dependency',
    );
  }
  return values.length === 0 ? undefined : { value: values[0] };
}

function describe(token: InjectionToken): string {
  return typeof token === 'function' ? token.name : String(token);
}

/**
 * The constructor arguments of `type`, each looked up in the module of `moduleRef` first and then
 * in every module of the app (`moduleRef.get(token, { strict: false })`). `ModuleRef.create` only
 * sees the module's own providers and imports, so an options token provided by the app module
 * (`{ provide: COST_TRACKING_INTERCEPTOR_OPTIONS, useValue: ... }`) would be silently skipped by an
 * `@Optional()` parameter; this lookup finds it.
 *
 * Throws `ConduitValidationError` when several modules provide a parameter's token with different
 * values. Returns undefined when Nest must build the class itself: no constructor parameters, a parameter
 * whose token is unknown (circular import, `forwardRef`, an interface without `@Inject`), a
 * required dependency provided nowhere (Nest then reports it the usual way) or property injection.
 */
export function appWideConstructorArgs(
  type: Type<unknown>,
  moduleRef: ModuleRef,
): unknown[] | undefined {
  if ((metadata<unknown[]>(PROPERTY_DEPS, type) ?? []).length > 0) return undefined;
  const tokens: unknown[] = [...(metadata<unknown[]>(PARAMTYPES, type) ?? [])];
  for (const { index, param } of metadata<{ index: number; param: unknown }[]>(
    SELF_DECLARED_DEPS,
    type,
  ) ?? []) {
    tokens[index] = param;
  }
  if (tokens.length === 0) return undefined;
  const optional = new Set(metadata<number[]>(OPTIONAL_DEPS, type) ?? []);
  const args: unknown[] = [];
  for (const [index, token] of tokens.entries()) {
    if (!isToken(token)) return undefined;
    const found = lookUp(moduleRef, token, type, index);
    if (found === undefined && !optional.has(index)) return undefined;
    args.push(found?.value);
  }
  return args;
}
