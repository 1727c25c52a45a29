import type { ValidationIssue } from '../core';
import { isRecord } from '../core/is-record';

const KNOWN_KEYS = ['discovery', 'timeoutMs', 'maxArgumentsBytes', 'concurrency', 'toolErrors'];

function checkPositive(value: unknown, path: string, issues: ValidationIssue[]): void {
  if (value !== undefined && (typeof value !== 'number' || !(value > 0))) {
    issues.push({ path, message: 'must be a positive number' });
  }
}

function checkTimeout(value: unknown, path: string, issues: ValidationIssue[]): void {
  if (value !== undefined && !(Number.isSafeInteger(value) && (value as number) >= 0)) {
    issues.push({ path, message: 'must be a whole number of milliseconds (0: no timeout)' });
  }
}

/**
 * Problems with the `tools` field of the module options (`ConduitToolsOptions`), for the module's
 * bootstrap validation. `path` is where the field sits (`tools`).
 */
export function validateToolsOptions(value: unknown, path = 'tools'): ValidationIssue[] {
  if (value === undefined) return [];
  if (!isRecord(value)) {
    return [{ path, message: 'must be an object' }];
  }
  const options = value;
  const issues: ValidationIssue[] = Object.keys(options)
    .filter((key) => !KNOWN_KEYS.includes(key))
    .map((key) => ({
      path: `${path}.${key}`,
      message: `unknown option; known: ${KNOWN_KEYS.join(', ')}`,
    }));
  if (
    options.discovery !== undefined &&
    options.discovery !== 'all' &&
    options.discovery !== 'feature'
  ) {
    issues.push({ path: `${path}.discovery`, message: "must be 'all' or 'feature'" });
  }
  if (
    options.concurrency !== undefined &&
    options.concurrency !== 'parallel' &&
    options.concurrency !== 'sequential'
  ) {
    issues.push({ path: `${path}.concurrency`, message: "must be 'parallel' or 'sequential'" });
  }
  const toolErrors = options.toolErrors;
  if (
    toolErrors !== undefined &&
    toolErrors !== 'safe' &&
    toolErrors !== 'verbose' &&
    typeof toolErrors !== 'function'
  ) {
    issues.push({
      path: `${path}.toolErrors`,
      message: "must be 'safe', 'verbose' or a function (error, toolCall) => string | undefined",
    });
  }
  checkTimeout(options.timeoutMs, `${path}.timeoutMs`, issues);
  checkPositive(options.maxArgumentsBytes, `${path}.maxArgumentsBytes`, issues);
  return issues;
}
