/**
 * Reads the class given to class-transformer's `@Type(() => Class)` on a DTO property.
 *
 * class-transformer (0.5.x) has no public API for reading its metadata, so this is the one deep
 * import of its internals (`class-transformer/cjs/storage`, stable since 0.3); it is narrowed
 * here and nowhere else. When the file is missing the schema falls back to `design:type`.
 */
interface TypeMetadataStorage {
  findTypeMetadata(
    target: object,
    propertyName: string,
  ): { typeFunction: (options?: unknown) => unknown } | undefined;
}

function loadStorage(): TypeMetadataStorage | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loaded: unknown = require('class-transformer/cjs/storage');
    const storage = (loaded as { defaultMetadataStorage?: unknown }).defaultMetadataStorage;
    if (
      typeof storage === 'object' &&
      storage !== null &&
      typeof (storage as { findTypeMetadata?: unknown }).findTypeMetadata === 'function'
    ) {
      return storage as TypeMetadataStorage;
    }
  } catch {
    // Fall through: a future class-transformer without this file still gets design:type schemas.
  }
  return undefined;
}

const storage = loadStorage();

/** The class `@Type()` names for `target.propertyName`, if any. */
export function declaredTypeOf(target: object, propertyName: string): unknown {
  return storage?.findTypeMetadata(target, propertyName)?.typeFunction();
}
