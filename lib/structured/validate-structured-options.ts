import { ConduitValidationError, type ValidationIssue } from '../core';
import type { GenerateObjectOptions } from './structured-options.types';

const MODES = ['auto', 'json_schema', 'tool', 'json', 'prompt'];

/** Checks the structured-output options (the schema is checked by `prepareSchema`). */
export function validateStructuredOptions(options: GenerateObjectOptions): void {
  const issues: ValidationIssue[] = [];
  const { maxRetries, mode } = options;
  if (maxRetries !== undefined && (!Number.isInteger(maxRetries) || maxRetries < 0)) {
    issues.push({ path: 'maxRetries', message: 'must be an integer >= 0' });
  }
  if (mode !== undefined && !MODES.includes(mode)) {
    issues.push({ path: 'mode', message: `must be one of ${MODES.join(', ')}` });
  }
  if (issues.length > 0)
    throw new ConduitValidationError(issues, 'Invalid structured output options');
}
