import { createHash } from 'node:crypto';
import { isRecord } from '../../core/is-record';

/**
 * JSON with object keys sorted at every level and `undefined` members dropped, so that two equal
 * values always give the same text whatever order their keys were written in.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (!isRecord(inner)) return inner;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(inner).sort()) {
      const member = inner[key];
      if (member !== undefined) sorted[key] = member;
    }
    return sorted;
  });
}

/** SHA-256 (hex) of the canonical JSON of `value`. */
export function stableHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}
