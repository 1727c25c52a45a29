import { ConduitError } from '../../core/errors/conduit.error';

/**
 * Loads an optional peer package on first use (the `@nestjs/terminus` way): apps that never use a
 * store never need its package. When the package is missing the error names the exact install
 * command; any other load failure (a broken native build) is rethrown as it is.
 */
export function loadOptionalPackage<T>(name: string, feature: string, install: string): T {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy optional peer, see above
    return require(name) as T;
  } catch (error: unknown) {
    // Only the package itself missing gets the hint; a missing dependency of an installed package
    // (a broken install) keeps its own message.
    // Jest's module errors come from another realm: read `message` without `instanceof Error`.
    const raw = (error as { message?: unknown } | null)?.message;
    const message = typeof raw === 'string' ? raw : '';
    if (message.includes(`Cannot find module '${name}'`)) {
      throw new ConduitError(
        `${feature} needs the optional package "${name}", which is not installed. Install it with:\n  ${install}`,
        { cause: error },
      );
    }
    throw error;
  }
}
