import { FORBIDDEN_KEYS } from './safe-json';

/** Options of `extractKeyValues`. */
export interface ExtractKeyValuesOptions {
  /** What separates a key from its value (default `:`). The first occurrence on a line counts. */
  readonly separator?: string;
}

/** Longest key accepted; longer "keys" are sentences that happen to contain the separator. */
const MAX_KEY_LENGTH = 80;

/** Removes list markers and Markdown emphasis around a key (`- **Name**` -> `Name`). */
function cleanKey(raw: string): string | undefined {
  const unlisted = raw.replace(/^\s*(?:[-*•+]|\d{1,3}[.)])\s+/, '').trim();
  // Checked before emphasis is removed too: `__proto__` must not come out as `proto`.
  if (FORBIDDEN_KEYS.has(unlisted)) return undefined;
  const key = unlisted.replace(/^[*_`]+|[*_`]+$/g, '').trim();
  return FORBIDDEN_KEYS.has(key) ? undefined : key;
}

/**
 * The `key: value` lines of a text as a record (values trimmed; a later duplicate key wins). Lines
 * without the separator, with an empty key or a key longer than 80 characters are skipped, and so
 * are the keys `__proto__`, `constructor` and `prototype`. Total: any text gives a record.
 *
 * @example
 * extractKeyValues('Name: Ada Lovelace\n- **Born**: 1815\nno separator here');
 * // { Name: 'Ada Lovelace', Born: '1815' }
 */
export function extractKeyValues(
  text: string,
  options: ExtractKeyValuesOptions = {},
): Record<string, string> {
  const separator = options.separator ?? ':';
  const record: Record<string, string> = {};
  if (separator === '') return record;
  for (const line of text.split(/\r?\n/)) {
    const at = line.indexOf(separator);
    if (at <= 0) continue;
    const key = cleanKey(line.slice(0, at));
    if (key === undefined || key === '' || key.length > MAX_KEY_LENGTH) continue;
    record[key] = line
      .slice(at + separator.length)
      .replace(/^[*_]+/, '')
      .trim();
  }
  return record;
}
