/**
 * Hides the named own properties of `owner`, which hold an API key (a model's settings, an HTTP
 * client's redaction list), from everything that prints an object, so a model logged by accident
 * never shows its key. Each property becomes a non-enumerable getter of the same value:
 * non-enumerable, so `JSON.stringify`, `Object.keys`, spreads and `util.inspect` (hence
 * `console.log` and Nest's logger) skip it; a getter, so even `inspect(x, { showHidden: true })`
 * and `console.log('%o', x)` print `[Getter]` rather than the value (only the explicit
 * `getters: true` option runs it). The class reads the property as before; assigning it throws,
 * as `readonly` already forbids.
 *
 * Called at the end of a constructor, once the properties are assigned; hiding one twice is
 * harmless. A name that is not an own property throws, so a renamed field cannot silently become
 * visible again.
 *
 * @example
 * constructor(private readonly settings: MySettings) {
 *   hideSecrets(this, 'settings');
 * }
 */
export function hideSecrets(owner: object, ...names: readonly string[]): void {
  for (const name of names) {
    const descriptor = Object.getOwnPropertyDescriptor(owner, name);
    if (descriptor === undefined) {
      throw new TypeError(`hideSecrets: ${owner.constructor.name} has no own property "${name}"`);
    }
    if (!('value' in descriptor)) {
      // Already a getter (hidden before, e.g. by a base class constructor): it only needs hiding.
      Object.defineProperty(owner, name, { enumerable: false });
      continue;
    }
    const value: unknown = descriptor.value;
    Object.defineProperty(owner, name, {
      get: () => value,
      enumerable: false,
      configurable: descriptor.configurable ?? true,
    });
  }
}
