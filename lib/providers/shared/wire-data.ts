import { isRecord as isObjectRecord } from '../../core/is-record';

/** A JSON object received from a provider, not yet trusted. */
export type WireRecord = Readonly<Record<string, unknown>>;

/** True for plain JSON objects (not arrays, not null). Wire data is narrowed with this before use. */
export function isRecord(value: unknown): value is WireRecord {
  return isObjectRecord(value);
}

/** The value when it is a string, else `undefined`. */
export function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The value when it is a finite number, else `undefined`. */
export function optionalNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Parses JSON, returning `undefined` instead of throwing (for bodies that may be plain text). */
export function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
