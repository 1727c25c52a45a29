/*
 * Redaction of credentials in text and JSON-like values: the one implementation the error
 * classes (at construction), the providers (before cutting an excerpt) and the logging
 * interceptor share. Not re-exported from `core/index.ts`: an internal helper, not public API.
 */

/** What replaces a secret in messages, bodies and log lines. */
export const REDACTED = '[REDACTED]';

/**
 * Known secrets shorter than this are not replaced by value: replacing every "ab" in a message
 * would mangle it, and such a value is no real key anyway.
 */
const MIN_SECRET_LENGTH = 6;

/**
 * Credential shapes redacted even when the exact value is unknown (a key of another model, one
 * typed into a prompt, one a proxy echoed): OpenAI-style `sk-...` / `sk-proj-...`, Anthropic
 * `sk-ant-...`, xAI `xai-...`, Groq `gsk_...`, Google `AIza...` (39 characters), and bearer tokens.
 */
const KEY_SHAPES: readonly RegExp[] = [
  /\b(?:sk|xai|gsk)[-_][A-Za-z0-9_-]{8,}/g,
  // The same key glued to what precedes it (`key_sk-...`, `abcsk-...`), where `\b` finds no word
  // boundary. A longer tail with a digit is asked for, so hyphenated words (`task-oriented`,
  // `risk-adjusted`) keep their text; the digit is looked for in a bounded window, so a long run
  // of `sk-sk-sk-...` costs linear time, not quadratic.
  /(?:sk|xai|gsk)[-_](?=[A-Za-z0-9_-]{0,64}\d)[A-Za-z0-9_-]{16,}/g,
  /\bBearer\s+[A-Za-z0-9._~+/=-]+/gi,
  // Google API keys (Gemini): a fixed prefix and 35 characters; `?key=` URLs echo them.
  /AIza[0-9A-Za-z_-]{35}/g,
];

/**
 * `name: value`, `name=value`, `"name":"value"`, `"name": ["value"]` for API-key and
 * authorization headers (an echoed request header, `OPENAI_API_KEY=...`): the value goes, the
 * name stays. No `\b` before the name, so `OPENAI_API_KEY` matches too. A value after an auth
 * scheme goes whatever it is; a bare one only when it looks like a credential (12 or more
 * characters with a digit among its first 256), so prose such as `apiKey: missing; pass apiKey...`
 * keeps its words. The digit is looked for in a bounded window: an unbounded look-ahead rescanned
 * the rest of the text at every `api_key=` of a long run (quadratic in the input). A
 * value already redacted is left alone, and `Bearer [REDACTED]` collapses to `[REDACTED]`.
 */
const ASSIGNMENT =
  /((?:x-)?api[-_]?key|authorization)(["']?\s*[:=]\s*(?!\[REDACTED\])\[?\s*["']?)(?:(?:Bearer|Basic|Token)\s+(?:\[REDACTED\]|[^\s"',}[\]]+)|(?=[^\s"',}[\]]{0,255}\d)[^\s"',}[\]]{12,})/gi;

/** A property whose value is a credential whatever it looks like (`x-api-key`, `Authorization`, `apiKey`). */
const SECRET_FIELD = /(?:api[-_]?key|authorization)$/i;

/**
 * Deep enough for any error body. A deeper (or cyclic) part is replaced by `TOO_DEEP`, not kept
 * as it is: unread means unredacted.
 */
const MAX_DEPTH = 32;
const TOO_DEEP = '[too deep]';

/** The known secrets worth replacing, longest first so a key containing another goes whole. */
function usableSecrets(secrets: readonly (string | undefined)[]): string[] {
  return secrets
    .filter((s): s is string => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length);
}

function redactUsable(text: string, secrets: readonly string[]): string {
  let result = text;
  // Known values first: `Bearer <key>` then reads `Bearer [REDACTED]`, which says what was there.
  for (const secret of secrets) result = result.split(secret).join(REDACTED);
  for (const shape of KEY_SHAPES) result = result.replace(shape, REDACTED);
  return result.replace(ASSIGNMENT, `$1$2${REDACTED}`);
}

/**
 * `text` with every credential replaced by `[REDACTED]`: each of the `known` secrets (the API
 * keys a model was configured with, matched exactly whatever their shape), every credential-shaped
 * substring, and the value of every `api-key` / `authorization` assignment. Redact BEFORE cutting
 * an excerpt: a cut through a key leaves a piece no rule recognises.
 *
 * @example
 * redactSecrets(`echo: x-api-key: ${key}`, [key]); // 'echo: x-api-key: [REDACTED]'
 */
export function redactSecrets(text: string, known: readonly (string | undefined)[] = []): string {
  return redactUsable(text, usableSecrets(known));
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** An auth scheme, kept when its credential is masked: `Bearer [REDACTED]` says what was there. */
const AUTH_SCHEME = /^(?:Bearer|Basic|Token)\s+/i;

/** Every string in `value` replaced by `[REDACTED]` (the value of a credential field). */
function masked(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return `${AUTH_SCHEME.exec(value)?.[0] ?? ''}${REDACTED}`;
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DEPTH) return TOO_DEEP;
  if (Array.isArray(value)) return value.map((item: unknown) => masked(item, depth + 1));
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, masked(v, depth + 1)]));
}

/**
 * A JSON-like value (a parsed error body, a stream chunk) with `redactSecrets` applied to every
 * string in it, property names included, and every value of a credential-named property
 * (`x-api-key`, `authorization`, `apiKey`) replaced whatever it holds. The input is not modified;
 * parts without a secret are shared, so a clean value comes back as itself.
 */
export function redactValue(value: unknown, known: readonly (string | undefined)[] = []): unknown {
  const secrets = usableSecrets(known);
  const visit = (v: unknown, depth: number): unknown => {
    if (typeof v === 'string') return redactUsable(v, secrets);
    if (typeof v !== 'object' || v === null) return v;
    if (depth >= MAX_DEPTH) return TOO_DEEP;
    if (Array.isArray(v)) {
      const items = v.map((item: unknown) => visit(item, depth + 1));
      return items.some((item, i) => item !== v[i]) ? items : v;
    }
    // Class instances (a Buffer, a Date) are not wire data: left as they are.
    if (!isPlainObject(v)) return v;
    let changed = false;
    const entries = Object.entries(v).map(([k, inner]): [string, unknown] => {
      const name = redactUsable(k, secrets);
      const clean = SECRET_FIELD.test(k) ? masked(inner, depth + 1) : visit(inner, depth + 1);
      changed ||= name !== k || clean !== inner;
      return [name, clean];
    });
    return changed ? Object.fromEntries(entries) : v;
  };
  return visit(value, 0);
}
