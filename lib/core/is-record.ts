/**
 * True for a plain object: not `null`, not an array. The one narrowing the library uses before
 * reading fields of untrusted data (options, messages, imported documents, JSON from a model or a
 * provider). Internal: not exported from the package.
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
