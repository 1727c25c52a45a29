import type { ValidationIssue } from './errors/conduit-validation.error';

/**
 * Pushes an issue unless `value` is undefined or a positive integer, or, where `allowInfinity`
 * (the default), `Infinity`: the explicit "no limit", so that a bound left out by accident is not
 * what lets a store grow without end. The one rule of the bounds of every store (runs,
 * checkpoints, conversations). Internal: not exported from the package.
 */
export function checkLimit(
  value: unknown,
  path: string,
  issues: ValidationIssue[],
  allowInfinity = true,
): void {
  if (value === undefined) return;
  if (allowInfinity && value === Number.POSITIVE_INFINITY) return;
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return;
  issues.push({
    path,
    message: allowInfinity
      ? 'must be a positive integer, or Infinity for no limit'
      : 'must be a positive integer',
  });
}

/**
 * A limit as databases and Redis scripts take it: 0 for "no limit" (`Infinity` does not cross the
 * wire as a number). Internal: not exported from the package.
 */
export function finiteOrZero(limit: number): number {
  return Number.isFinite(limit) ? limit : 0;
}
