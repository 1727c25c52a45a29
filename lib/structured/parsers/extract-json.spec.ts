import { extractJson, findJson } from './extract-json';
import { OutputParseError } from './output-parse.error';

describe('extractJson', () => {
  it('parses a text that is JSON as a whole', () => {
    expect(extractJson('  {"name": "Ada", "born": 1815}\n')).toEqual({ name: 'Ada', born: 1815 });
  });

  it('finds JSON in a ```json fence inside prose', () => {
    const text = 'Sure! Here it is:\n```json\n{"name": "Ada"}\n```\nAnything else?';
    expect(extractJson(text)).toEqual({ name: 'Ada' });
  });

  it('prefers a json-labelled block over an earlier block in another language', () => {
    const text = '```ts\nconst x = {a: 1};\n```\nand\n```json\n{"a": 2}\n```';
    expect(extractJson(text, 'object')).toEqual({ a: 2 });
  });

  it('finds an object in prose whose other braces are not JSON', () => {
    const text =
      'The set {a, b} is small; the answer is {"ok": true, "items": [1, {"x": "}"}]} done.';
    expect(extractJson(text, 'object')).toEqual({ ok: true, items: [1, { x: '}' }] });
  });

  it('picks an array or an object as asked', () => {
    const text = 'Numbers: [1, 2, 3] and data {"a": 1}';
    expect(extractJson(text, 'array')).toEqual([1, 2, 3]);
    expect(extractJson(text, 'object')).toEqual({ a: 1 });
    expect(extractJson(text)).toEqual([1, 2, 3]);
  });

  it('reads an unclosed fence (a cut-off answer) when its JSON is complete', () => {
    expect(extractJson('```json\n{"a": [1, 2]}\n')).toEqual({ a: [1, 2] });
  });

  it('drops __proto__, constructor and prototype keys at any depth', () => {
    const value = extractJson('{"a": {"__proto__": {"polluted": true}, "b": 1}, "constructor": 2}');
    expect(value).toEqual({ a: { b: 1 } });
    expect(Object.getPrototypeOf((value as { a: object }).a)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it.each([
    ['empty text', ''],
    ['prose only', 'I cannot help with that.'],
    ['truncated JSON', '{"name": "Ada", "born": 18'],
    ['single quotes', "{'name': 'Ada'}"],
    ['trailing comma', '{"a": 1,}'],
    ['unbalanced brackets', ']]]{{{'],
  ])('throws OutputParseError, never a SyntaxError, for %s', (_label, text) => {
    let thrown: unknown;
    try {
      extractJson(text, 'object');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(OutputParseError);
    expect(thrown).not.toBeInstanceOf(SyntaxError);
    expect((thrown as OutputParseError).text).toBe(text);
    expect((thrown as OutputParseError).target).toBe('json-object');
  });

  it('names the last parser problem in the error', () => {
    expect(() => extractJson('{"a": 1,}')).toThrow(
      /No JSON value found in the text \(last problem: .+\)/,
    );
  });

  it('says when JSON was found but of the wrong kind', () => {
    const found = findJson('[1, 2]', 'object');
    expect(found).toEqual({ ok: false, detail: 'found JSON, but it is not an object' });
  });

  it('stays fast on thousands of unmatched braces', () => {
    const text = '{'.repeat(20_000) + ' no json here';
    expect(findJson(text).ok).toBe(false);
  });
});
