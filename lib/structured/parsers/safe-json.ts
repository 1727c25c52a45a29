/**
 * Keys dropped from every parsed value: handing them to class-transformer or `Object.assign`
 * could reach an object's prototype.
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);

/** The outcome of `parseJsonSafely`: the value, or the parser's complaint (never a throw). */
export type SafeJsonResult =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string };

/**
 * `JSON.parse` that never throws and drops `__proto__` / `constructor` / `prototype` keys at any
 * depth (a reviver returning `undefined` deletes the property).
 */
export function parseJsonSafely(text: string): SafeJsonResult {
  try {
    const value: unknown = JSON.parse(text, (key, item: unknown) =>
      FORBIDDEN_KEYS.has(key) ? undefined : item,
    );
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
