import { parsePartialJson } from './parse-partial-json';

describe('parsePartialJson', () => {
  it('reads every prefix of a streamed object without throwing, ending with the whole value', () => {
    const full =
      '{"name":"Ada \\"the\\" first","tags":["math","poetry"],"born":1815,"alive":false,"note":null,"nested":{"x":[1,2.5,-3e2]}}';
    const seen: unknown[] = [];
    for (let end = 0; end <= full.length; end += 1) seen.push(parsePartialJson(full.slice(0, end)));
    expect(seen[seen.length - 1]).toEqual(JSON.parse(full));
    expect(seen).toContainEqual({ name: 'Ada "the" fi' });
    expect(seen).toContainEqual({ name: 'Ada "the" first', tags: ['math', 'po'] });
  });

  it('closes open strings, arrays and objects', () => {
    expect(parsePartialJson('{"a": "hel')).toEqual({ a: 'hel' });
    expect(parsePartialJson('{"a": [1, 2')).toEqual({ a: [1, 2] });
    expect(parsePartialJson('{"a": {"b": true')).toEqual({ a: { b: true } });
  });

  it('leaves out what cannot be read yet', () => {
    expect(parsePartialJson('{"a": 1, "b')).toEqual({ a: 1 });
    expect(parsePartialJson('{"a": 1, "b":')).toEqual({ a: 1 });
    expect(parsePartialJson('{"a": tr')).toEqual({});
    expect(parsePartialJson('{"a": -')).toEqual({});
    expect(parsePartialJson('{"a": 1.')).toEqual({});
    expect(parsePartialJson('{"a": "x\\')).toEqual({ a: 'x' });
    expect(parsePartialJson('{"a": "\\u00')).toEqual({ a: '' });
    expect(parsePartialJson('[1, nul')).toEqual([1]);
  });

  it('decodes escapes', () => {
    expect(parsePartialJson('{"a": "line\\nbreak \\u00e9\\t\\/"}')).toEqual({
      a: 'line\nbreak é\t/',
    });
  });

  it('skips prose or a code fence before the value and ignores what follows it', () => {
    expect(parsePartialJson('Here you go:\n```json\n{"a": [1')).toEqual({ a: [1] });
    expect(parsePartialJson('{"a": 1}\n```\nHope this helps {')).toEqual({ a: 1 });
  });

  it('returns undefined when there is nothing readable yet', () => {
    expect(parsePartialJson('')).toBeUndefined();
    expect(parsePartialJson('Thinking...')).toBeUndefined();
  });

  it('returns undefined for text that is not the start of JSON', () => {
    expect(parsePartialJson('{a: 1}')).toBeUndefined();
    expect(parsePartialJson('{"a" 1}')).toBeUndefined();
    expect(parsePartialJson('{"a": 01}')).toBeUndefined();
    expect(parsePartialJson('{"a": "\\q"}')).toBeUndefined();
    expect(parsePartialJson('{"a": "\\uZZZZ"}')).toBeUndefined();
    expect(parsePartialJson('{"a": yes}')).toBeUndefined();
  });

  it('drops keys that could reach a prototype', () => {
    const value = parsePartialJson('{"__proto__": {"x": 1}, "constructor": {"y": 2}, "ok": 1');
    expect(value).toEqual({ ok: 1 });
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });
});
