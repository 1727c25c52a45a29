import type { HttpHeaders } from './http-client.types';

const DURATION_PART = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
const DURATION_WHOLE = /^(?:\d+(?:\.\d+)?(?:ms|h|m|s))+$/;
const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Parses a Go-style duration as OpenAI sends it in `x-ratelimit-reset-*` ("1s", "6m0s", "120ms",
 * "1h2m3.5s") into milliseconds. `undefined` when the text is not such a duration.
 */
export function parseDurationMs(text: string): number | undefined {
  const value = text.trim();
  if (!DURATION_WHOLE.test(value)) return undefined;
  let total = 0;
  for (const match of value.matchAll(DURATION_PART)) {
    total += Number(match[1]) * (UNIT_MS[match[2] ?? 's'] ?? 0);
  }
  return Math.round(total);
}

/** Milliseconds until an HTTP date or ISO timestamp, never negative; `undefined` if unparseable. */
function msUntil(text: string, now: number): number | undefined {
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** A reset header value: a duration, a number of seconds, or a timestamp. */
function parseResetValue(text: string, now: number): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(?:\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  return parseDurationMs(trimmed) ?? msUntil(trimmed, now);
}

/**
 * How long the provider asked us to wait, in milliseconds, or `undefined` when it did not say.
 *
 * Precedence: `retry-after-ms` (OpenAI), then `retry-after` (seconds or an HTTP date), then the
 * provider's reset headers given in `resetHeaders` (e.g. OpenAI's `x-ratelimit-reset-requests` /
 * `-tokens`, Anthropic's `anthropic-ratelimit-*-reset` ISO timestamps). Among reset headers the
 * LONGEST wait wins: a 429 does not say which limit was hit, and waiting for the shorter one would
 * just fail again. Nothing is capped here; retry policies decide what is too long.
 *
 * @example parseRetryAfterMs({ 'retry-after': '2' }) // 2000
 */
export function parseRetryAfterMs(
  headers: HttpHeaders,
  resetHeaders: readonly string[] = [],
  now: number = Date.now(),
): number | undefined {
  const ms = headers['retry-after-ms'];
  if (ms !== undefined && /^\d+(?:\.\d+)?$/.test(ms.trim())) return Math.round(Number(ms));

  const retryAfter = headers['retry-after'];
  if (retryAfter !== undefined) {
    const trimmed = retryAfter.trim();
    const parsed = /^\d+(?:\.\d+)?$/.test(trimmed)
      ? Math.round(Number(trimmed) * 1000)
      : msUntil(trimmed, now);
    if (parsed !== undefined) return parsed;
  }

  let longest: number | undefined;
  for (const name of resetHeaders) {
    const value = headers[name.toLowerCase()];
    const parsed = value === undefined ? undefined : parseResetValue(value, now);
    if (parsed !== undefined && (longest === undefined || parsed > longest)) longest = parsed;
  }
  return longest;
}
