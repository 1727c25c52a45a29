import type { JsonSchema } from '../../core';
import { isRecord } from '../../core/is-record';

/** A problem with a value, by its path. */
interface BoundIssue {
  readonly path: string;
  readonly message: string;
}

function numberOf(schema: JsonSchema, key: string): number | undefined {
  const value = (schema as Record<string, unknown>)[key];
  return typeof value === 'number' ? value : undefined;
}

/**
 * The numeric and length bounds of a JSON Schema that the tools' own small check leaves out
 * (`minimum`, `maximum`, `minLength`, `maxLength`, `maxItems`), through `properties` and `items`.
 */
export function checkBounds(
  schema: JsonSchema,
  value: unknown,
  path = '(root)',
  issues: BoundIssue[] = [],
): BoundIssue[] {
  const min = numberOf(schema, 'minimum');
  const max = numberOf(schema, 'maximum');
  if (typeof value === 'number') {
    if (min !== undefined && value < min) issues.push({ path, message: `must be at least ${min}` });
    if (max !== undefined && value > max) issues.push({ path, message: `must be at most ${max}` });
  }
  const minLength = numberOf(schema, 'minLength');
  const maxLength = numberOf(schema, 'maxLength');
  if (typeof value === 'string') {
    if (minLength !== undefined && value.length < minLength)
      issues.push({ path, message: `must have at least ${minLength} characters` });
    if (maxLength !== undefined && value.length > maxLength)
      issues.push({ path, message: `must have at most ${maxLength} characters` });
  }
  const maxItems = numberOf(schema, 'maxItems');
  if (Array.isArray(value)) {
    if (maxItems !== undefined && value.length > maxItems)
      issues.push({ path, message: `must have at most ${maxItems} items` });
    const items = (schema as Record<string, unknown>)['items'];
    if (isRecord(items))
      value.forEach((item: unknown, i) => checkBounds(items, item, `${path}[${i}]`, issues));
  }
  const properties = (schema as Record<string, unknown>)['properties'];
  if (isRecord(value) && isRecord(properties)) {
    for (const [name, inner] of Object.entries(properties)) {
      if (isRecord(inner) && name in value)
        checkBounds(inner, value[name], path === '(root)' ? name : `${path}.${name}`, issues);
    }
  }
  return issues;
}
