import { extractKeyValues } from './extract-key-values';

describe('extractKeyValues', () => {
  it('reads key: value lines, with list markers and emphasis removed', () => {
    const text =
      'Name: Ada Lovelace\n- **Born**: 1815\n**City:** London\nno separator here\n: no key';
    expect(extractKeyValues(text)).toEqual({ Name: 'Ada Lovelace', Born: '1815', City: 'London' });
  });

  it('keeps the rest of the line after the first separator, and the last duplicate', () => {
    expect(extractKeyValues('url: https://example.com\nurl: http://b.test')).toEqual({
      url: 'http://b.test',
    });
  });

  it('uses a custom separator', () => {
    expect(extractKeyValues('a = 1\nb=2\nc: 3', { separator: '=' })).toEqual({ a: '1', b: '2' });
  });

  it('skips keys that could reach a prototype and sentence-long keys', () => {
    const long = 'x'.repeat(81);
    const record = extractKeyValues(`__proto__: polluted\nconstructor: x\n${long}: y\nok: 1`);
    expect(record).toEqual({ ok: '1' });
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('returns {} for text without pairs, or an empty separator', () => {
    expect(extractKeyValues('nothing here')).toEqual({});
    expect(extractKeyValues('a: 1', { separator: '' })).toEqual({});
  });
});
