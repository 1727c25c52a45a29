import { MAX_TIMEOUT_MS } from '../conduit.constants';
import type { ValidationIssue } from '../core/errors/conduit-validation.error';

/**
 * The issue of a `timeoutMs` option (module-wide or per call): absent, or a whole number of
 * milliseconds from 0 (no timeout) to the largest delay `setTimeout` keeps (larger ones fire at
 * once). `[]` when it is fine.
 */
export function timeoutMsIssues(value: unknown, path = 'timeoutMs'): ValidationIssue[] {
  if (
    value === undefined ||
    (Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= MAX_TIMEOUT_MS)
  ) {
    return [];
  }
  return [
    {
      path,
      message: `must be a whole number of milliseconds from 0 (no timeout) to ${MAX_TIMEOUT_MS}`,
    },
  ];
}
