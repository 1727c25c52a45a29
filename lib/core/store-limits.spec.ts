import type { ValidationIssue } from './errors/conduit-validation.error';
import { checkLimit, finiteOrZero } from './store-limits';

function issuesOf(value: unknown, allowInfinity?: boolean): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  checkLimit(value, 'ttlMs', issues, allowInfinity);
  return issues;
}

describe('checkLimit', () => {
  it('accepts undefined, a positive integer and Infinity', () => {
    expect(issuesOf(undefined)).toEqual([]);
    expect(issuesOf(1)).toEqual([]);
    expect(issuesOf(Number.POSITIVE_INFINITY)).toEqual([]);
  });

  it('refuses zero, negatives, fractions, NaN and non-numbers with one issue naming the path', () => {
    for (const value of [0, -1, 1.5, Number.NaN, '10', null]) {
      expect(issuesOf(value)).toEqual([
        { path: 'ttlMs', message: 'must be a positive integer, or Infinity for no limit' },
      ]);
    }
  });

  it('refuses Infinity where it is not allowed', () => {
    expect(issuesOf(Number.POSITIVE_INFINITY, false)).toEqual([
      { path: 'ttlMs', message: 'must be a positive integer' },
    ]);
    expect(issuesOf(5, false)).toEqual([]);
  });
});

describe('finiteOrZero', () => {
  it('sends Infinity as 0 and a finite limit as it is', () => {
    expect(finiteOrZero(Number.POSITIVE_INFINITY)).toBe(0);
    expect(finiteOrZero(42)).toBe(42);
  });
});
