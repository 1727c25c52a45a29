import { redactSecrets as redactText, redactValue } from '../../core/redact-secrets';

/**
 * `text` with every credential-looking substring replaced by `[REDACTED]`: OpenAI-style keys
 * (`sk-...`, `sk-proj-...`), Anthropic (`sk-ant-...`), xAI (`xai-...`), Groq (`gsk_...`), also
 * glued to the text before them, bearer tokens and `api-key` / `x-api-key` / `authorization`
 * assignments. The rules are core's, shared with the error classes, so a log line and an error
 * agree on what a secret is.
 */
export function redactSecrets(text: string): string {
  return redactText(text);
}

/** A copy of a JSON-like value with `redactSecrets` applied to every string in it. */
export function redactDeep(value: unknown): unknown {
  return redactValue(value);
}
