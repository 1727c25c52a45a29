const REDACTED = '[REDACTED]';

/**
 * Shapes of credentials that may end up in an error message or a message content: OpenAI-style
 * keys (`sk-...`, `sk-proj-...`), Anthropic keys (`sk-ant-...`), xAI (`xai-...`), Groq (`gsk_...`),
 * bearer tokens and `api-key`/`x-api-key`/`authorization` assignments.
 */
const TOKENS: readonly RegExp[] = [
  /\b(?:sk|xai|gsk)[-_][A-Za-z0-9_-]{8,}/g,
  /\bBearer\s+[A-Za-z0-9._~+/=-]+/gi,
];
/** `name: value` / `name=value` / `"name":"value"`: the value goes, the name stays. */
const ASSIGNMENT = /\b((?:x-)?api[-_]?key|authorization)(["']?\s*[:=]\s*["']?)[^\s"',}]+/gi;

/** `text` with every credential-looking substring replaced by `[REDACTED]`. */
export function redactSecrets(text: string): string {
  const withoutTokens = TOKENS.reduce((result, pattern) => result.replace(pattern, REDACTED), text);
  return withoutTokens.replace(ASSIGNMENT, `$1$2${REDACTED}`);
}

/** A copy of a JSON-like value with `redactSecrets` applied to every string in it. */
export function redactDeep(value: unknown): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (Array.isArray(value)) return value.map(redactDeep);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v)]));
  }
  return value;
}
