import { extractCodeBlocks } from './extract-code-blocks';
import { OutputParseError, type OutputParseTarget } from './output-parse.error';
import { parseJsonSafely } from './safe-json';
import { isRecord } from '../../core/is-record';

/** Which JSON values `extractJson` accepts. */
export type JsonKind = 'any' | 'object' | 'array';

/** The outcome of `findJson`: the value, or why nothing was found (never a throw). */
export type JsonSearchResult =
  | { readonly ok: true; readonly value: unknown; readonly source: string }
  | { readonly ok: false; readonly detail?: string };

/** Stops pathological inputs (thousands of unmatched braces) from costing quadratic time. */
const MAX_SPAN_ATTEMPTS = 200;

function matchesKind(value: unknown, kind: JsonKind): boolean {
  if (kind === 'object') return isRecord(value);
  if (kind === 'array') return Array.isArray(value);
  return true;
}

/** Index of the bracket closing the one at `start`, skipping strings; -1 when it never closes. */
function closingIndex(text: string, start: number): number {
  const stack: string[] = [];
  let inString = false;
  for (let i = start; i < text.length; i += 1) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i += 1;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    else if (char === '{') stack.push('}');
    else if (char === '[') stack.push(']');
    else if (char === '}' || char === ']') {
      if (stack.pop() !== char) return -1;
      if (stack.length === 0) return i;
    }
  }
  return -1;
}

/** Every balanced `{...}` / `[...]` span, outermost first, as candidate JSON texts. */
function* bracketSpans(text: string): Generator<string> {
  let attempts = 0;
  for (let i = 0; i < text.length && attempts < MAX_SPAN_ATTEMPTS; i += 1) {
    if (text[i] !== '{' && text[i] !== '[') continue;
    const end = closingIndex(text, i);
    if (end === -1) continue;
    attempts += 1;
    yield text.slice(i, end + 1);
  }
}

function* candidates(text: string): Generator<string> {
  yield text.trim();
  const blocks = extractCodeBlocks(text);
  // Blocks labelled json first: prose answers often carry an example in another language too.
  const ordered = [
    ...blocks.filter((b) => b.language === 'json' || b.language === 'jsonc'),
    ...blocks.filter((b) => b.language !== 'json' && b.language !== 'jsonc'),
  ];
  for (const block of ordered) yield block.code.trim();
  yield* bracketSpans(text);
}

/**
 * Looks for a JSON value in a model's answer: the whole text, then fenced code blocks (```` ```json ````
 * first), then every balanced `{...}` or `[...]` span in the prose. The first candidate that parses
 * (and is of the wanted kind) wins. Never throws; `__proto__` / `constructor` / `prototype` keys are
 * dropped.
 */
export function findJson(text: string, kind: JsonKind = 'any'): JsonSearchResult {
  let detail: string | undefined;
  const tried = new Set<string>();
  for (const candidate of candidates(text)) {
    if (candidate === '' || tried.has(candidate)) continue;
    tried.add(candidate);
    const parsed = parseJsonSafely(candidate);
    if (!parsed.ok) {
      detail = parsed.error;
      continue;
    }
    if (matchesKind(parsed.value, kind))
      return { ok: true, value: parsed.value, source: candidate };
    detail = `found JSON, but it is not ${kind === 'object' ? 'an object' : 'an array'}`;
  }
  return detail === undefined ? { ok: false } : { ok: false, detail };
}

const TARGETS: Record<JsonKind, OutputParseTarget> = {
  any: 'json',
  object: 'json-object',
  array: 'json-array',
};

const WHAT: Record<JsonKind, string> = {
  any: 'JSON value',
  object: 'JSON object',
  array: 'JSON array',
};

/**
 * The JSON value inside a model's answer, wherever it is: the whole text, a fenced code block, or a
 * `{...}` / `[...]` span in prose. Throws `OutputParseError` (never a raw `SyntaxError`) when there
 * is none.
 *
 * @example
 * extractJson('Sure! Here it is:\n```json\n{"name": "Ada"}\n```'); // { name: 'Ada' }
 * extractJson('The list is [1, 2, 3].', 'array'); // [1, 2, 3]
 */
export function extractJson(text: string, kind: JsonKind = 'any'): unknown {
  const found = findJson(text, kind);
  if (found.ok) return found.value;
  const reason = found.detail === undefined ? '' : ` (last problem: ${found.detail})`;
  throw new OutputParseError(
    `No ${WHAT[kind]} found in the text${reason}.`,
    text,
    TARGETS[kind],
    found.detail,
  );
}
