import { redactSecrets } from './redact-secrets';

/** How much of a body without the provider's usual error shape goes into the message. */
const EXCERPT_LENGTH = 300;

/**
 * The message of an error body without the provider's usual error shape (a proxy's text, an HTML
 * page, other JSON): its start, redacted. It is redacted BEFORE it is cut: cut first, a key
 * straddling the cut would survive as a piece no rule recognises.
 */
export function errorBodyExcerpt(body: unknown, secrets: readonly (string | undefined)[]): string {
  const raw = typeof body === 'string' ? body.trim() : (JSON.stringify(body) ?? '');
  const text = redactSecrets(raw, secrets);
  return text.length > EXCERPT_LENGTH
    ? `${text.slice(0, EXCERPT_LENGTH)}...`
    : text || '(empty body)';
}
