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
    const code = (error as { code?: unknown }).code;
    const message = error instanceof Error ? error.message : '';
    if (code === 'MODULE_NOT_FOUND' && message.includes(`'${name}'`)) {
      throw new ConduitError(
        `${feature} needs the optional package "${name}", which is not installed. Install it with:\n  ${install}`,
        { cause: error },
      );
    }
    throw error;
  }
}
