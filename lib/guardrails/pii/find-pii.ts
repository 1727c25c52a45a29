import { passesIbanCheck, passesLuhn } from './pii-checksums';
import type { PiiKind, PiiSpan } from './pii-kind.types';
import { scanTextOf } from './scan-text';

/*
 * Hand-written scanners rather than one big regular expression: each looks at a bounded window
 * around a cheap anchor (an `@`, two capitals and two digits, a run of digits), so the whole scan
 * is linear in the input whatever it holds (a regex for emails backtracks quadratically on a long
 * run of letters without `@`).
 */

const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}
function isAlnum(c: number): boolean {
  return isDigit(c) || isUpper(c) || (c >= 97 && c <= 122);
}
function isLocalChar(c: number): boolean {
  // letters, digits and . _ % + - '
  return isAlnum(c) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45 || c === 39;
}
function isDomainChar(c: number): boolean {
  return isAlnum(c) || c === 46 || c === 45;
}

function findEmails(text: string, out: PiiSpan[]): void {
  let at = text.indexOf('@');
  while (at !== -1) {
    let start = at;
    while (start > 0 && at - start < MAX_LOCAL && isLocalChar(text.charCodeAt(start - 1))) start--;
    while (start < at && text.charCodeAt(start) === 46) start++;
    let end = at + 1;
    while (end < text.length && end - at <= MAX_DOMAIN && isDomainChar(text.charCodeAt(end))) end++;
    while (end > at + 1 && (text.charCodeAt(end - 1) === 46 || text.charCodeAt(end - 1) === 45))
      end--;
    const domain = text.slice(at + 1, end);
    const dot = domain.lastIndexOf('.');
    const tld = domain.slice(dot + 1);
    if (
      start < at &&
      dot > 0 &&
      tld.length >= 2 &&
      /^[A-Za-z]+$/.test(tld) &&
      !domain.includes('..')
    ) {
      out.push({ start, end, kind: 'email' });
      at = text.indexOf('@', end);
    } else {
      at = text.indexOf('@', at + 1);
    }
  }
}

function findIbans(text: string, out: PiiSpan[], firstDigit: number): void {
  const limit = text.length - 15;
  for (let i = Math.max(0, firstDigit - 2); i <= limit; i++) {
    if (
      !isUpper(text.charCodeAt(i)) ||
      !isUpper(text.charCodeAt(i + 1)) ||
      !isDigit(text.charCodeAt(i + 2)) ||
      !isDigit(text.charCodeAt(i + 3)) ||
      (i > 0 && isAlnum(text.charCodeAt(i - 1)))
    ) {
      continue;
    }
    // Up to 34 alphanumerics, grouped by fours with single spaces or hyphens (the printed form).
    let chars = '';
    const ends: number[] = [];
    let j = i;
    while (j < text.length && chars.length < 34) {
      const c = text.charCodeAt(j);
      if (isAlnum(c)) {
        chars += String.fromCharCode(c >= 97 ? c - 32 : c);
        ends.push(j + 1);
        j++;
      } else if (
        (c === 32 || c === 45) &&
        chars.length % 4 === 0 &&
        j + 1 < text.length &&
        isAlnum(text.charCodeAt(j + 1))
      ) {
        j++;
      } else break;
    }
    // The whole run, else shorter runs cut at a group end (a word glued after the last group).
    for (
      let length = chars.length;
      length >= 15;
      length = length % 4 === 0 ? length - 4 : length - (length % 4)
    ) {
      if (passesIbanCheck(chars.slice(0, length))) {
        const end = ends[length - 1];
        out.push({ start: i, end, kind: 'iban' });
        i = end - 1;
        break;
      }
    }
  }
}

/** A run of digits, in digit groups with short separators between them. */
interface DigitGroup {
  readonly start: number;
  readonly end: number;
  readonly digits: string;
}

const MAX_GROUPS = 6;

const SEPARATORS = new Set([32, 45, 46, 40, 41, 47]); // space - . ( ) /

function isDateLike(groups: readonly DigitGroup[], k: number, text: string): boolean {
  const [a, b, c] = [groups[k], groups[k + 1], groups[k + 2]];
  if (a === undefined || b === undefined || c === undefined) return false;
  const sep = text.charCodeAt(a.end);
  const datey = sep === 45 || sep === 47 || sep === 46;
  const lengths = `${a.digits.length}${b.digits.length}${c.digits.length}`;
  return datey && (lengths === '422' || lengths === '224' || lengths === '222');
}

/** Cards (13 to 19 digits passing Luhn) first, else phone numbers, in one run of digit groups. */
function findNumbersInRun(text: string, groups: readonly DigitGroup[], out: PiiSpan[]): void {
  let k = 0;
  // Where the run starts again after a finding: a phone number spans its whole run.
  let anchor = 0;
  while (k < groups.length) {
    const first = groups[k];
    const plus = first.start > 0 && text.charCodeAt(first.start - 1) === 43;
    const paren = first.start > 0 && text.charCodeAt(first.start - 1) === 40;
    let digits = '';
    let card = -1;
    let phone = -1;
    // Cards and phone numbers are written in at most six groups (`+1 (555) 123-4567`, 4-4-4-4-3).
    const stop = Math.min(groups.length, k + MAX_GROUPS);
    for (let m = k; m < stop; m++) {
      digits += groups[m].digits;
      if (digits.length > 19) break;
      if (digits.length >= 13 && passesLuhn(digits)) card = m;
      // A phone number is a whole run: twelve digits of a longer number are no phone number.
      const whole = k === anchor && m === groups.length - 1;
      if (whole && digits.length <= 15 && (digits.length >= 10 || (plus && digits.length >= 7))) {
        phone = m;
      }
    }
    const dateLike = isDateLike(groups, k, text);
    const last = card !== -1 ? card : dateLike ? -1 : phone;
    if (last === -1) {
      k++;
      continue;
    }
    const start = plus || paren ? first.start - 1 : first.start;
    const end = groups[last].end;
    const closing = end < text.length && text.charCodeAt(end) === 41 && paren;
    out.push({ start, end: closing ? end + 1 : end, kind: card !== -1 ? 'card' : 'phone' });
    k = last + 1;
    anchor = k;
  }
}

function findNumbers(text: string, out: PiiSpan[], firstDigit: number): void {
  let i = firstDigit;
  while (i < text.length) {
    if (!isDigit(text.charCodeAt(i)) || (i > 0 && isAlnum(text.charCodeAt(i - 1)))) {
      i++;
      continue;
    }
    const groups: DigitGroup[] = [];
    let j = i;
    for (;;) {
      const start = j;
      while (j < text.length && isDigit(text.charCodeAt(j))) j++;
      groups.push({ start, end: j, digits: text.slice(start, j) });
      // Up to 3 separators between groups (`) `, ` - `); a letter or a longer gap ends the run.
      let gap = j;
      while (gap < text.length && gap - j < 3 && SEPARATORS.has(text.charCodeAt(gap))) gap++;
      if (gap === j || gap >= text.length || !isDigit(text.charCodeAt(gap))) break;
      j = gap;
    }
    if (j < text.length && isAlnum(text.charCodeAt(j)) && !isDigit(text.charCodeAt(j))) {
      // Digits glued to letters (`A1234567890B`): an identifier, not a number written for people.
      i = j;
      continue;
    }
    findNumbersInRun(text, groups, out);
    i = j;
  }
}

/**
 * Credential shapes (OpenAI `sk-`, Anthropic `sk-ant-`, xAI, Groq, Stripe-style `pk_`/`rk_`, AWS
 * access key ids, GitHub and Slack tokens, Google API keys, bearer tokens). Each alternative
 * starts with a fixed prefix and then one character class, so matching is linear.
 */
const API_KEY =
  /\b(?:(?:sk|pk|rk|xai|gsk)[-_][A-Za-z0-9_-]{16,}|AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,}|xox[abprs]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{35}|Bearer\s+[A-Za-z0-9._~+/=-]{16,})/g;

function findApiKeys(text: string, out: PiiSpan[]): void {
  // `exec` on the one shared expression: `matchAll` copies the expression on every call, and a
  // chunked stream calls this once a chunk.
  API_KEY.lastIndex = 0;
  for (let match = API_KEY.exec(text); match !== null; match = API_KEY.exec(text)) {
    out.push({ start: match.index, end: match.index + match[0].length, kind: 'api_key' });
  }
}

const DIGIT = /\d/;

/**
 * Every finding of the `kinds` asked for in `text`, by position in `text`, without overlaps (the
 * first found wins: keys and emails before IBANs, IBANs before bare numbers). Zero-width
 * characters inside a finding, and digits of other scripts, do not hide it. Linear in the input.
 */
export function findPii(text: string, kinds: ReadonlySet<PiiKind>): PiiSpan[] {
  const scan = scanTextOf(text);
  const found: PiiSpan[] = [];
  if (kinds.has('api_key')) findApiKeys(scan.text, found);
  if (kinds.has('email')) findEmails(scan.text, found);
  // IBANs, cards and phone numbers all hold digits: the scans start at the first one, found by a
  // native search (prose without digits costs next to nothing).
  const firstDigit = scan.text.search(DIGIT);
  if (firstDigit !== -1 && kinds.has('iban')) findIbans(scan.text, found, firstDigit);
  const numbers: PiiSpan[] = [];
  if (firstDigit !== -1 && (kinds.has('card') || kinds.has('phone'))) {
    findNumbers(scan.text, numbers, firstDigit);
  }
  for (const span of numbers) if (kinds.has(span.kind)) found.push(span);
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const spans: PiiSpan[] = [];
  let covered = 0;
  for (const span of found) {
    if (span.start < covered) continue;
    spans.push(span);
    covered = span.end;
  }
  const map = scan.map;
  if (map === undefined) return spans;
  return spans.map((span) => {
    const last = map[span.end - 1];
    const wide = (text.codePointAt(last) as number) > 0xffff;
    return { start: map[span.start], end: last + (wide ? 2 : 1), kind: span.kind };
  });
}
