import { ConduitValidationError, type ValidationIssue } from '../../core';
import type { Document } from '../document.types';

/**
 * Rejects a rerank call that cannot mean anything before any request: a query that is not a
 * string, documents without string content, a `topN` that is not a whole number from 0.
 */
export function checkRerankInput(
  query: unknown,
  documents: readonly Document[],
  topN: number | undefined,
): void {
  const issues: ValidationIssue[] = [];
  if (typeof query !== 'string') issues.push({ path: 'query', message: 'must be a string' });
  if (!Array.isArray(documents)) {
    issues.push({ path: 'documents', message: 'must be an array of documents' });
  } else {
    const bad = documents.findIndex(
      (document: Partial<Document> | null) => typeof document?.content !== 'string',
    );
    if (bad !== -1) {
      issues.push({ path: `documents[${bad}].content`, message: 'must be a string' });
    }
  }
  if (topN !== undefined && !(Number.isSafeInteger(topN) && topN >= 0)) {
    issues.push({ path: 'topN', message: `must be a whole number from 0, got ${String(topN)}` });
  }
  if (issues.length > 0) throw new ConduitValidationError(issues, 'Invalid rerank call');
}
