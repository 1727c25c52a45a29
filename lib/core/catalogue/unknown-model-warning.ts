import type { ModelLookup } from './model-catalogue.types';

const warned = new Set<string>();

/** The text of the unknown-model warning, naming what to do about it. */
export function unknownModelMessage(provider: string, modelId: string): string {
  return (
    `nestjs-conduit does not know the ${provider} model "${modelId}": it runs with conservative ` +
    'capabilities (no images, no JSON modes, no reasoning options, unknown limits) and no prices. ' +
    'Check the model id, or describe the model with the `capabilities` setting.'
  );
}

function emitProcessWarning(message: string): void {
  process.emitWarning(message, { code: 'CONDUIT_UNKNOWN_MODEL' });
}

/**
 * Warns once per process and provider/model pair when a lookup missed the catalogue. The warning
 * goes to `warn` (a Nest `Logger.warn`, for instance) or, by default, to `process.emitWarning` with
 * code `CONDUIT_UNKNOWN_MODEL`. Returns whether it warned.
 */
export function warnUnknownModelOnce(
  lookup: ModelLookup,
  warn: (message: string) => void = emitProcessWarning,
): boolean {
  if (lookup.known) return false;
  const key = `${lookup.info.provider}\u0000${lookup.info.modelId}`;
  if (warned.has(key)) return false;
  warned.add(key);
  warn(unknownModelMessage(lookup.info.provider, lookup.info.modelId));
  return true;
}
