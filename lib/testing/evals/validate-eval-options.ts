import { ConduitValidationError, type ValidationIssue } from '../../core';
import type { EvalCase, EvalOptions } from './eval.types';

function isCount(value: unknown, min: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min;
}

function isUnit(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1;
}

function scorerIssues(scorers: unknown): ValidationIssue[] {
  if (!Array.isArray(scorers) || scorers.length === 0) {
    return [{ path: 'scorers', message: 'must be a non-empty list of scorer functions' }];
  }
  const issues: ValidationIssue[] = [];
  scorers.forEach((entry: unknown, index) => {
    const scorer: unknown =
      typeof entry === 'object' && entry !== null ? (entry as { scorer?: unknown }).scorer : entry;
    if (typeof scorer !== 'function') {
      issues.push({
        path: `scorers[${index}]`,
        message: 'must be a function or { scorer, name?, threshold? }',
      });
    }
    const threshold: unknown =
      typeof entry === 'object' && entry !== null
        ? (entry as { threshold?: unknown }).threshold
        : (scorer as { threshold?: unknown } | undefined)?.threshold;
    if (threshold !== undefined && !isUnit(threshold)) {
      issues.push({ path: `scorers[${index}].threshold`, message: 'must be a number from 0 to 1' });
    }
  });
  return issues;
}

/**
 * Checks an eval's options once, before anything runs: every problem in one
 * `ConduitValidationError` (`path: problem` lines), never a crash or a hang later.
 */
export function validateEvalOptions(name: unknown, options: unknown): void {
  const issues: ValidationIssue[] = [];
  if (typeof name !== 'string' || name.trim() === '') {
    issues.push({ path: 'name', message: 'must be a non-empty string' });
  }
  if (typeof options !== 'object' || options === null) {
    throw new ConduitValidationError(
      [{ path: 'options', message: 'must be an object' }],
      'Invalid eval',
    );
  }
  const o = options as Partial<Record<keyof EvalOptions, unknown>>;
  const sources = (['module', 'app', 'setup'] as const).filter((key) => o[key] !== undefined);
  if (sources.length > 1) {
    issues.push({
      path: sources.join(', '),
      message: 'give one of module, app or setup, not several',
    });
  }
  if (o.app !== undefined && typeof o.app !== 'function') {
    issues.push({ path: 'app', message: 'must be a function that builds the application' });
  }
  if (o.setup !== undefined && typeof o.setup !== 'function') {
    issues.push({ path: 'setup', message: 'must be a function' });
  }
  if (o.module !== undefined && typeof o.module !== 'function' && typeof o.module !== 'object') {
    issues.push({
      path: 'module',
      message: 'must be a TestingModule, its builder, or a function returning one',
    });
  }
  if (!Array.isArray(o.data) && typeof o.data !== 'function') {
    issues.push({
      path: 'data',
      message: 'must be a list of { input, expected? } cases or a function returning one',
    });
  }
  if (typeof o.task !== 'function')
    issues.push({ path: 'task', message: 'must be a function (input, context) => output' });
  issues.push(...scorerIssues(o.scorers));
  if (!isUnit(o.threshold))
    issues.push({ path: 'threshold', message: 'must be a number from 0 to 1' });
  if (o.concurrency !== undefined && !isCount(o.concurrency, 1)) {
    issues.push({ path: 'concurrency', message: 'must be an integer >= 1' });
  }
  if (o.timeoutMs !== undefined && !isCount(o.timeoutMs, 1)) {
    issues.push({ path: 'timeoutMs', message: 'must be an integer >= 1 (milliseconds)' });
  }
  if (o.retries !== undefined && !isCount(o.retries, 0))
    issues.push({ path: 'retries', message: 'must be an integer >= 0' });
  if (o.retryDelayMs !== undefined && !isCount(o.retryDelayMs, 0)) {
    issues.push({ path: 'retryDelayMs', message: 'must be an integer >= 0 (milliseconds)' });
  }
  if (o.report !== undefined && o.report !== false) {
    const report = o.report as Record<string, unknown>;
    if (typeof report !== 'object' || report === null) {
      issues.push({ path: 'report', message: 'must be an object or false' });
    } else {
      if (report.margin !== undefined && !isUnit(report.margin)) {
        issues.push({ path: 'report.margin', message: 'must be a number from 0 to 1' });
      }
      for (const key of ['dir', 'baseline'] as const) {
        if (report[key] !== undefined && (typeof report[key] !== 'string' || report[key] === '')) {
          issues.push({ path: `report.${key}`, message: 'must be a non-empty path' });
        }
      }
    }
  }
  if (issues.length > 0)
    throw new ConduitValidationError(issues, `Invalid eval ${JSON.stringify(name)}`);
}

/** Checks the loaded cases: a list of objects with an `input`. */
export function validateEvalCases(
  name: string,
  cases: unknown,
): asserts cases is readonly EvalCase[] {
  if (!Array.isArray(cases)) {
    throw new ConduitValidationError(
      [{ path: 'data', message: 'must give a list of cases' }],
      `Invalid eval ${JSON.stringify(name)}`,
    );
  }
  const issues: ValidationIssue[] = [];
  if (cases.length === 0) issues.push({ path: 'data', message: 'has no case' });
  cases.forEach((item: unknown, index) => {
    if (typeof item !== 'object' || item === null || !('input' in item)) {
      issues.push({ path: `data[${index}]`, message: 'must be an object with an `input`' });
    }
  });
  if (issues.length > 0)
    throw new ConduitValidationError(issues, `Invalid eval ${JSON.stringify(name)}`);
}
