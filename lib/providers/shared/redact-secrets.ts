/** What replaces a secret in messages and bodies. */
export const REDACTED = '[REDACTED]';

/**
 * Secrets shorter than this are not redacted: replacing every "ab" in a message would mangle it
 * and such a value is no real key anyway.
 */
const MIN_SECRET_LENGTH = 6;

/** Keeps the secrets worth redacting, longest first so a key containing another is replaced whole. */
function usableSecrets(secrets: readonly (string | undefined)[]): string[] {
  return secrets
    .filter((s): s is string => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length);
}

/**
 * Replaces every occurrence of each secret (API keys) in `text` with `[REDACTED]`.
 * Providers call it on every error message, because some servers and proxies echo the request
 * headers back in their error bodies.
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let result = text;
  for (const secret of usableSecrets(secrets)) {
    result = result.split(secret).join(REDACTED);
  }
  return result;
}

/**
 * Deep copy of a parsed JSON value with every string redacted by `redactSecrets` (keys included).
 * Used on error bodies before they are stored on an error object.
 */
export function redactValue(value: unknown, secrets: readonly (string | undefined)[]): unknown {
  const usable = usableSecrets(secrets);
  if (usable.length === 0) return value;
  const visit = (v: unknown): unknown => {
    if (typeof v === 'string') return redactSecrets(v, usable);
    if (Array.isArray(v)) return v.map(visit);
    if (typeof v === 'object' && v !== null) {
      const out: Record<string, unknown> = {};
      for (const [k, inner] of Object.entries(v)) out[redactSecrets(k, usable)] = visit(inner);
      return out;
    }
    return v;
  };
  return visit(value);
}
