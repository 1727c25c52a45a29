import type { ValidationIssue } from '../../core';

/** An HTTP header name (RFC 9110 `token`). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** CR, LF and NUL end a header line early: a value holding one could smuggle a header in. */
const LINE_BREAKING = /[\r\n\0]/;

/**
 * Problems with headers before they are sent: names that are not HTTP tokens and values with CR,
 * LF or NUL (header injection). Values are never echoed: a header may carry a key.
 */
export function headerIssues(
  headers: Readonly<Record<string, unknown>>,
  path = 'headers',
): readonly ValidationIssue[] {
  let issues: ValidationIssue[] | undefined;
  // for...in over own keys rather than Object.entries: no array of pairs on every request.
  for (const name in headers) {
    if (!Object.hasOwn(headers, name)) continue;
    const value = headers[name];
    if (!HEADER_NAME.test(name)) {
      (issues ??= []).push({ path, message: `${JSON.stringify(name)} is not a valid header name` });
    } else if (typeof value === 'string' && LINE_BREAKING.test(value)) {
      (issues ??= []).push({
        path: `${path}.${name}`,
        message: 'must not contain CR, LF or NUL characters',
      });
    }
  }
  return issues ?? NO_ISSUES;
}

/** Shared empty result (callers only read it). */
const NO_ISSUES: readonly ValidationIssue[] = [];

/** True when `text` holds CR, LF or NUL (never valid in a model id or header value). */
export function hasLineBreak(text: string): boolean {
  return LINE_BREAKING.test(text);
}
