import {
  ConduitValidationError,
  type ValidationIssue,
} from '../../core/errors/conduit-validation.error';

/** The sizes of a splitter, once checked. */
export interface SplitterSizes {
  readonly chunkSize: number;
  readonly chunkOverlap: number;
}

/**
 * Checks chunk size and overlap once, at construction: a positive integer size, and an overlap
 * that is a non-negative integer smaller than the size (else no chunk could make progress).
 */
export function validateSplitterOptions(
  chunkSize: number,
  chunkOverlap: number,
  title: string,
): SplitterSizes {
  const issues: ValidationIssue[] = [];
  if (!Number.isInteger(chunkSize) || chunkSize <= 0) {
    issues.push({ path: 'chunkSize', message: `must be a positive integer, got ${chunkSize}` });
  }
  if (!Number.isInteger(chunkOverlap) || chunkOverlap < 0) {
    issues.push({
      path: 'chunkOverlap',
      message: `must be a non-negative integer, got ${chunkOverlap}`,
    });
  } else if (chunkOverlap >= chunkSize) {
    issues.push({
      path: 'chunkOverlap',
      message: `must be smaller than chunkSize (${chunkSize}), got ${chunkOverlap}`,
    });
  }
  if (issues.length > 0) throw new ConduitValidationError(issues, title);
  return { chunkSize, chunkOverlap };
}
