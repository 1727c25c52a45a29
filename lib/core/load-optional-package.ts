import { ConduitError } from './errors/conduit.error';

/** Options of `loadOptionalPackage`. */
export interface LoadOptionalPackageOptions {
  /** The command printed when the package is missing (default `npm install <name>`). */
  readonly install?: string;
  /** Loads the package (default `require`); specs pass one to play a missing package. */
  readonly load?: (name: string) => unknown;
}

/** A plain `require`: an optional peer cannot be a top-level import. */
function requireOptional(name: string): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional peer, loaded lazily
  return require(name) as unknown;
}

/**
 * Loads an optional peer package on first use (the `@nestjs/terminus` way): an application that
 * never uses a feature never needs its package. When the package itself is missing, a
 * `ConduitError` names the feature and the exact command that installs it; any other load failure
 * (a broken install missing one of the package's own dependencies, a failed native build) is
 * rethrown as it is, since an install hint would mislead there. Internal: not exported from the
 * package.
 *
 * @example
 * const chroma = loadOptionalPackage<typeof Chroma>('chromadb', 'ChromaVectorStore');
 */
export function loadOptionalPackage<T>(
  name: string,
  feature: string,
  options: LoadOptionalPackageOptions = {},
): T {
  const load = options.load ?? requireOptional;
  try {
    return load(name) as T;
  } catch (error: unknown) {
    // Jest's module errors come from another realm: read `message` without `instanceof Error`.
    const raw = (error as { message?: unknown } | null)?.message;
    const message = typeof raw === 'string' ? raw : '';
    if (!message.includes(`Cannot find module '${name}'`)) throw error;
    const install = options.install ?? `npm install ${name}`;
    throw new ConduitError(
      `${feature} needs the optional package "${name}", which is not installed. Install it with:\n  ${install}`,
      { cause: error },
    );
  }
}
