import {
  ConduitValidationError,
  type ValidationIssue,
} from '../../core/errors/conduit-validation.error';
import type { VectorRecord } from '../document.types';

/**
 * Checks records before any store writes them: vector size, finite numbers, ids unique in the call
 * and (for `add`) not already stored. All problems are reported at once; nothing is written.
 */
export function checkRecords(
  records: readonly VectorRecord[],
  dimensions: number,
  exists?: (id: string) => boolean,
): void {
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  records.forEach((record, index) => {
    const at = `records[${index}]`;
    if (typeof record.id !== 'string' || record.id.length === 0) {
      issues.push({ path: `${at}.id`, message: 'must be a non-empty string' });
    } else if (seen.has(record.id)) {
      issues.push({ path: `${at}.id`, message: `"${record.id}" appears twice in this call` });
    } else if (exists?.(record.id) === true) {
      issues.push({
        path: `${at}.id`,
        message: `"${record.id}" is already stored (use upsert to replace it)`,
      });
    }
    seen.add(record.id);
    if (record.vector.length !== dimensions) {
      issues.push({
        path: `${at}.vector`,
        message: `has ${record.vector.length} dimensions, the store has ${dimensions}`,
      });
    } else if (!record.vector.every(Number.isFinite)) {
      issues.push({ path: `${at}.vector`, message: 'must contain finite numbers only' });
    }
  });
  if (issues.length > 0) throw new ConduitValidationError(issues, 'Invalid vector records');
}

/** Checks a query vector and `k`. */
export function checkQuery(vector: readonly number[], k: number, dimensions: number): void {
  const issues: ValidationIssue[] = [];
  if (vector.length !== dimensions) {
    issues.push({
      path: 'vector',
      message: `has ${vector.length} dimensions, the store has ${dimensions}`,
    });
  }
  if (!Number.isInteger(k) || k < 0)
    issues.push({ path: 'k', message: `must be a non-negative integer, got ${k}` });
  if (issues.length > 0) throw new ConduitValidationError(issues, 'Invalid vector search');
}
