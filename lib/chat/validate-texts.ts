import type { ValidationIssue } from '../core/errors/conduit-validation.error';

/** Turns the `texts` argument of `embed` into a list (a string is one text) and lists its problems. */
export function validateTexts(input: unknown): {
  readonly texts: readonly string[];
  readonly issues: ValidationIssue[];
} {
  const texts: unknown[] = typeof input === 'string' ? [input] : Array.isArray(input) ? input : [];
  const issues: ValidationIssue[] = [];
  if (typeof input !== 'string' && !Array.isArray(input)) {
    issues.push({ path: 'texts', message: 'must be a string or an array of strings' });
  } else if (texts.length === 0) {
    issues.push({ path: 'texts', message: 'must contain at least one text' });
  }
  texts.forEach((text, index) => {
    const path = typeof input === 'string' ? 'texts' : `texts[${index}]`;
    if (typeof text !== 'string') issues.push({ path, message: 'must be a string' });
    else if (text === '')
      issues.push({ path, message: 'must not be empty (providers reject empty input)' });
  });
  return { texts: texts as readonly string[], issues };
}
