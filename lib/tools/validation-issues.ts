import type { ValidationError } from 'class-validator';
import type { ValidationIssue } from '../core';

function join(parent: string, property: string, parentIsArray: boolean): string {
  if (parentIsArray) return `${parent}[${property}]`;
  return parent === '' ? property : `${parent}.${property}`;
}

/**
 * Flattens class-validator's error tree into `path: message` issues, one per broken rule
 * (`items[1].quantity: quantity must not be less than 1`).
 */
export function flattenValidationErrors(
  errors: readonly ValidationError[],
  parent = '',
  parentIsArray = false,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const error of errors) {
    const path = join(parent, error.property, parentIsArray);
    for (const message of Object.values(error.constraints ?? {})) {
      issues.push({ path: path === '' ? '(root)' : path, message });
    }
    if (error.children !== undefined && error.children.length > 0) {
      issues.push(...flattenValidationErrors(error.children, path, Array.isArray(error.value)));
    }
  }
  return issues;
}
