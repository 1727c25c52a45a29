import {
  ConduitValidationError,
  type ValidationIssue,
} from '../../core/errors/conduit-validation.error';
import type { Document } from '../document.types';

/**
 * Checks documents before a keyword index writes them: non-empty string ids unique in the call
 * and (for `add`) not already stored, string content, an object of metadata. All problems are
 * reported at once; nothing is written.
 */
export function checkDocuments(
  documents: readonly Document[],
  exists?: (id: string) => boolean,
): void {
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  documents.forEach((document, index) => {
    const at = `documents[${index}]`;
    if (typeof document.id !== 'string' || document.id.length === 0) {
      issues.push({ path: `${at}.id`, message: 'must be a non-empty string' });
    } else if (seen.has(document.id)) {
      issues.push({ path: `${at}.id`, message: `"${document.id}" appears twice in this call` });
    } else if (exists?.(document.id) === true) {
      issues.push({
        path: `${at}.id`,
        message: `"${document.id}" is already stored (use upsert to replace it)`,
      });
    }
    seen.add(document.id);
    if (typeof document.content !== 'string') {
      issues.push({ path: `${at}.content`, message: 'must be a string' });
    }
    if (typeof document.metadata !== 'object' || document.metadata === null) {
      issues.push({ path: `${at}.metadata`, message: 'must be an object' });
    }
  });
  if (issues.length > 0) throw new ConduitValidationError(issues, 'Invalid documents');
}

/** Checks a keyword query and `k`. */
export function checkKeywordQuery(query: string, k: number): void {
  const issues: ValidationIssue[] = [];
  if (typeof query !== 'string') issues.push({ path: 'query', message: 'must be a string' });
  if (!Number.isInteger(k) || k < 0) {
    issues.push({ path: 'k', message: `must be a non-negative integer, got ${k}` });
  }
  if (issues.length > 0) throw new ConduitValidationError(issues, 'Invalid keyword search');
}
