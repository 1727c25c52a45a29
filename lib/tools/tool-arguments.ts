import type { ToolCall, ValidationIssue } from '../core';
import { MAX_ARGUMENTS_DEPTH } from './tool.constants';
import { isRecord } from '../core/is-record';

/** Keys that would reach an object's prototype when class-transformer assigns them. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The outcome of reading or validating tool arguments. */
export type ArgumentsOutcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

/** Every forbidden key and every nesting deeper than the limit, as issues. */
function hostileIssues(value: unknown, path: string, depth: number, out: ValidationIssue[]): void {
  if (typeof value !== 'object' || value === null) return;
  if (depth > MAX_ARGUMENTS_DEPTH) {
    out.push({
      path: path || '(root)',
      message: `nested deeper than ${MAX_ARGUMENTS_DEPTH} levels`,
    });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => hostileIssues(item, childPath(path, i), depth + 1, out));
    return;
  }
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) {
      out.push({ path: childPath(path, key), message: `the key "${key}" is not allowed` });
      continue;
    }
    hostileIssues((value as Record<string, unknown>)[key], childPath(path, key), depth + 1, out);
  }
}

/** UTF-8 size of the arguments as JSON, or `undefined` when they cannot be JSON at all. */
function jsonBytes(value: unknown): number | undefined {
  try {
    return Buffer.byteLength(JSON.stringify(value), 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Reads the arguments of a tool call, refusing hostile input before anything else touches it:
 * payloads larger than `maxBytes` (the raw text is measured before it is parsed), invalid JSON,
 * non-object arguments, `__proto__` / `constructor` / `prototype` keys at any depth, and absurd
 * nesting.
 *
 * The parsed `arguments` are used when they hold anything (an interceptor may have rewritten
 * them); when they are empty but the model wrote something, the raw text is parsed, so that a
 * provider that could not parse it still yields a useful message for the model.
 */
export function readToolArguments(
  toolCall: ToolCall,
  maxBytes: number,
): ArgumentsOutcome<Record<string, unknown>> {
  const raw = toolCall.rawArguments.trim();
  const tooLarge = (size: number) =>
    fail('(root)', `arguments are ${size} bytes; the limit is ${maxBytes} bytes`);
  const rawBytes = Buffer.byteLength(raw, 'utf8');
  if (rawBytes > maxBytes) return tooLarge(rawBytes);
  let value: unknown = toolCall.arguments;
  if (Object.keys(toolCall.arguments).length > 0) {
    const size = jsonBytes(value);
    if (size === undefined) return fail('(root)', 'arguments must be JSON data');
    if (size > maxBytes) return tooLarge(size);
  } else if (raw !== '') {
    try {
      value = JSON.parse(raw) as unknown;
    } catch (error) {
      return fail('(root)', `arguments are not valid JSON (${(error as Error).message})`);
    }
  }
  if (!isRecord(value)) {
    return fail('(root)', 'arguments must be a JSON object');
  }
  const issues: ValidationIssue[] = [];
  hostileIssues(value, '', 0, issues);
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value };
}

function fail(path: string, message: string): ArgumentsOutcome<never> {
  return { ok: false, issues: [{ path, message }] };
}
