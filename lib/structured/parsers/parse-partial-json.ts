import { FORBIDDEN_KEYS } from './safe-json';

/** Thrown inside the parser when the text stops being a prefix of valid JSON. */
class NotJsonPrefix extends Error {}

/** A value the text has not reached yet (a key without its value, `tr` of `true`...). */
const MISSING = Symbol('missing');
type Parsed = unknown;

const LITERALS: ReadonlyMap<string, unknown> = new Map<string, unknown>([
  ['true', true],
  ['false', false],
  ['null', null],
]);

const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/**
 * A recursive-descent reader of a JSON prefix: what a model has streamed so far. Open strings,
 * objects and arrays are closed at the end of the text; a value not yet readable (a key without
 * its value, `-`, `tr`, a half escape) is left out.
 */
class PartialJsonReader {
  private pos = 0;

  constructor(private readonly text: string) {}

  read(): Parsed {
    return this.value();
  }

  private get done(): boolean {
    return this.pos >= this.text.length;
  }

  private skipSpace(): void {
    while (!this.done && /\s/.test(this.text[this.pos] ?? '')) this.pos += 1;
  }

  private value(): Parsed {
    this.skipSpace();
    if (this.done) return MISSING;
    const char = this.text[this.pos];
    if (char === '{') return this.object();
    if (char === '[') return this.array();
    if (char === '"') return this.string().value;
    if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) return this.number();
    return this.literal();
  }

  private object(): Parsed {
    this.pos += 1;
    const result: Record<string, unknown> = {};
    for (;;) {
      this.skipSpace();
      if (this.done) return result;
      const char = this.text[this.pos];
      if (char === '}') {
        this.pos += 1;
        return result;
      }
      if (char === ',') {
        this.pos += 1;
        continue;
      }
      if (char !== '"') throw new NotJsonPrefix();
      const key = this.string();
      this.skipSpace();
      if (!key.complete || this.done) return result;
      if (this.text[this.pos] !== ':') throw new NotJsonPrefix();
      this.pos += 1;
      const item = this.value();
      if (item !== MISSING && !FORBIDDEN_KEYS.has(key.value)) result[key.value] = item;
    }
  }

  private array(): Parsed {
    this.pos += 1;
    const result: unknown[] = [];
    for (;;) {
      this.skipSpace();
      if (this.done) return result;
      const char = this.text[this.pos];
      if (char === ']') {
        this.pos += 1;
        return result;
      }
      if (char === ',') {
        this.pos += 1;
        continue;
      }
      const item = this.value();
      if (item === MISSING) return result;
      result.push(item);
    }
  }

  private string(): { value: string; complete: boolean } {
    this.pos += 1;
    let value = '';
    while (!this.done) {
      const char = this.text[this.pos] ?? '';
      if (char === '"') {
        this.pos += 1;
        return { value, complete: true };
      }
      if (char !== '\\') {
        value += char;
        this.pos += 1;
        continue;
      }
      const next = this.text[this.pos + 1];
      if (next === undefined) break;
      if (next === 'u') {
        const hex = this.text.slice(this.pos + 2, this.pos + 6);
        if (hex.length < 4) break;
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new NotJsonPrefix();
        value += String.fromCharCode(parseInt(hex, 16));
        this.pos += 6;
        continue;
      }
      const escaped = ESCAPES[next];
      if (escaped === undefined) throw new NotJsonPrefix();
      value += escaped;
      this.pos += 2;
    }
    this.pos = this.text.length;
    return { value, complete: false };
  }

  private number(): Parsed {
    const match = /^-?\d*(?:\.\d*)?(?:[eE][+-]?\d*)?/.exec(this.text.slice(this.pos));
    const raw = match?.[0] ?? '';
    this.pos += raw.length;
    // A number cut at the end of the text may still grow; only a readable prefix counts.
    if (/^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/.test(raw)) return Number(raw);
    if (this.done) return MISSING;
    throw new NotJsonPrefix();
  }

  private literal(): Parsed {
    const rest = this.text.slice(this.pos);
    for (const [word, literal] of LITERALS) {
      if (rest.startsWith(word)) {
        this.pos += word.length;
        return literal;
      }
      if (word.startsWith(rest)) {
        this.pos = this.text.length;
        return MISSING;
      }
    }
    throw new NotJsonPrefix();
  }
}

/**
 * Reads a JSON text that may be cut off anywhere, as a model streams it, and returns the value so
 * far: open strings, arrays and objects are closed; a key still waiting for its value is left out.
 * Leading prose or a code fence before the first `{` / `[` is skipped, and whatever follows the
 * complete value is ignored. Returns `undefined` when there is nothing readable yet or the text is
 * not the beginning of a JSON value (never throws). `__proto__` / `constructor` / `prototype` keys
 * are dropped.
 *
 * @example
 * parsePartialJson('{"name": "Ada", "langu'); // { name: 'Ada' }
 * parsePartialJson('```json\n{"tags": ["a", "b'); // { tags: ['a', 'b'] }
 */
export function parsePartialJson(text: string): unknown {
  const start = text.search(/[{[]/);
  if (start === -1) return undefined;
  try {
    const value = new PartialJsonReader(text.slice(start)).read();
    return value === MISSING ? undefined : value;
  } catch (error) {
    if (error instanceof NotJsonPrefix) return undefined;
    throw error;
  }
}
