import type { JsonSchema, ValidationIssue } from '../core';
import { isRecord } from '../core/is-record';

function typeMatches(type: unknown, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isRecord(value);
    case 'null':
      return value === null;
    default:
      return true;
  }
}

function label(path: string): string {
  return path === '' ? '(root)' : path;
}

/**
 * A deliberately small JSON Schema check for tools declared with a raw schema: `type` (one or a
 * list), `enum`, `const`, `required`, `properties`, `additionalProperties: false` and `items`,
 * recursively. Other keywords are left to the tool. DTO classes get full class-validator rules.
 */
export function checkJsonSchema(
  schema: JsonSchema,
  value: unknown,
  path = '',
  issues: ValidationIssue[] = [],
): ValidationIssue[] {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type ?? null];
  if (schema.type !== undefined && !types.some((t) => typeMatches(t, value))) {
    issues.push({ path: label(path), message: `must be of type ${types.join(' or ')}` });
    return issues;
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((allowed) => allowed === value)) {
    issues.push({ path: label(path), message: `must be one of ${JSON.stringify(schema.enum)}` });
  }
  if ('const' in schema && schema.const !== value) {
    issues.push({ path: label(path), message: `must be ${JSON.stringify(schema.const)}` });
  }
  if (isRecord(value)) {
    const record = value;
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    for (const key of Array.isArray(schema.required) ? (schema.required as unknown[]) : []) {
      if (typeof key === 'string' && record[key] === undefined) {
        issues.push({ path: label(path ? `${path}.${key}` : key), message: 'is required' });
      }
    }
    for (const [key, item] of Object.entries(record)) {
      const childPath = path ? `${path}.${key}` : key;
      const child = Object.hasOwn(properties, key) ? properties[key] : undefined;
      if (child !== undefined) checkJsonSchema(child, item, childPath, issues);
      else if (schema.additionalProperties === false) {
        issues.push({ path: childPath, message: 'is not an allowed property' });
      }
    }
  }
  if (Array.isArray(value) && typeof schema.items === 'object' && schema.items !== null) {
    value.forEach((item, i) =>
      checkJsonSchema(schema.items as JsonSchema, item, `${path}[${i}]`, issues),
    );
  }
  return issues;
}
