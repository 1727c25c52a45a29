import type { ChatResponse, ValidationIssue } from '../core';
import { validateToolArguments } from '../tools/validate-tool-arguments';
import type { PreparedSchema } from './object-schema';
import { findJson } from './parsers/extract-json';
import { parseJsonSafely } from './parsers/safe-json';
import type { ResolvedStructuredMode } from './structured-options.types';
import { isRecord } from '../core/is-record';

/** What one answer gave: the validated object, or the problems to send back. */
export type AnswerOutcome =
  | { readonly ok: true; readonly value: unknown; readonly rawText: string }
  | { readonly ok: false; readonly issues: readonly ValidationIssue[]; readonly rawText: string };

/** The answer's object before validation, or why there is none. */
type ReadOutcome =
  | { readonly ok: true; readonly value: Record<string, unknown>; readonly rawText: string }
  | Extract<AnswerOutcome, { ok: false }>;

function failed(rawText: string, message: string): Extract<AnswerOutcome, { ok: false }> {
  return { ok: false, rawText, issues: [{ path: '(root)', message }] };
}

/** The answer's JSON object, before validation. */
function readObject(
  response: ChatResponse,
  mode: ResolvedStructuredMode,
  schema: PreparedSchema,
): ReadOutcome {
  if (mode === 'tool') {
    const call = response.toolCalls.find((c) => c.name === schema.name);
    if (call === undefined) {
      return failed(response.text, `the answer must be a call of the tool "${schema.name}"`);
    }
    const rawText =
      call.rawArguments.trim() === '' ? JSON.stringify(call.arguments) : call.rawArguments;
    const parsed = parseJsonSafely(rawText);
    if (!parsed.ok) return failed(rawText, `the arguments are not valid JSON (${parsed.error})`);
    const value = parsed.value;
    if (!isRecord(value)) {
      return failed(rawText, 'the arguments must be a JSON object');
    }
    return { ok: true, value, rawText };
  }
  const found = findJson(response.text, 'object');
  if (!found.ok) {
    const detail = found.detail === undefined ? '' : ` (${found.detail})`;
    return failed(response.text, `the answer contains no JSON object${detail}`);
  }
  return { ok: true, value: found.value as Record<string, unknown>, rawText: response.text };
}

/**
 * Reads and validates one answer: finds the JSON object (in the text, or in the forced tool's
 * arguments), then transforms and validates it like `@Tool()` arguments (class-transformer +
 * class-validator for a DTO class, the JSON Schema check for a raw schema). Never throws for a bad
 * answer: problems come back as `path: message` issues. An answer cut off by `maxTokens` says so.
 */
export async function readStructuredAnswer(
  response: ChatResponse,
  mode: ResolvedStructuredMode,
  schema: PreparedSchema,
): Promise<AnswerOutcome> {
  const read = readObject(response, mode, schema);
  if (!read.ok) {
    if (response.finishReason !== 'length') return read;
    return failed(read.rawText, 'the answer was cut off by the output token limit (maxTokens)');
  }
  const checked = await validateToolArguments(read.value, schema.dto ?? schema.jsonSchema);
  if (!checked.ok) return { ok: false, issues: checked.issues, rawText: read.rawText };
  return { ok: true, value: checked.value, rawText: read.rawText };
}
