import type { ValidationIssue } from '../core';
import { TOOL_NAME_PATTERN } from './tool.constants';
import type { RegisteredTool, ToolRegistration } from './registered-tool.types';

/** Label of a registration in messages: its source, or the run-time marker. */
export function sourceLabel(registration: ToolRegistration): string {
  return registration.source?.label ?? 'ToolRegistry.add()';
}

/**
 * Every problem with a set of tools about to be registered: names outside
 * `^[a-zA-Z0-9_-]{1,64}$` (naming the class and method), a missing description, and names
 * used twice, within the set or by an already registered tool (naming both declarations).
 */
export function checkToolRegistrations(
  registrations: readonly ToolRegistration[],
  existing: ReadonlyMap<string, RegisteredTool>,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const seen = new Map<string, string>();
  for (const [name, tool] of existing) seen.set(name, tool.source.label);
  for (const registration of registrations) {
    const label = sourceLabel(registration);
    if (!TOOL_NAME_PATTERN.test(registration.name)) {
      issues.push({
        path: label,
        message: `tool name "${registration.name}" is invalid: use 1 to 64 letters, digits, "_" or "-" (set @Tool({ name }))`,
      });
      continue;
    }
    if (typeof registration.description !== 'string' || registration.description.trim() === '') {
      issues.push({ path: label, message: `tool "${registration.name}" needs a description` });
    }
    const previous = seen.get(registration.name);
    if (previous !== undefined) {
      issues.push({
        path: label,
        message: `tool name "${registration.name}" is already declared by ${previous}; give one of them another name with @Tool({ name })`,
      });
      continue;
    }
    seen.set(registration.name, label);
  }
  return issues;
}
