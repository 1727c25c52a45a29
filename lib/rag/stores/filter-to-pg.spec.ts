import { filterToPg } from './filter-to-pg';

describe('filterToPg', () => {
  it('returns undefined for no filter, an empty one, or fields without conditions', () => {
    expect(filterToPg(undefined, [])).toBeUndefined();
    expect(filterToPg({}, [])).toBeUndefined();
    expect(filterToPg({ lang: {} }, [])).toBeUndefined();
  });

  it('puts every key and value in the parameters, never in the SQL text', () => {
    const key = `x' OR '1'='1"; DROP TABLE t; --`;
    const value = `'); DELETE FROM t; --`;
    const params: unknown[] = ['[1,0]'];
    const sql = filterToPg(
      { [key]: value, [`${key}2`]: { $in: [value, 3] }, [`${key}3`]: { $gte: value, $lt: 5 } },
      params,
    );
    expect(sql).not.toContain(key);
    expect(sql).not.toContain('DROP');
    expect(sql).not.toContain('DELETE');
    expect(sql).toContain('$2::jsonb');
    expect(params[1]).toBe(JSON.stringify({ [key]: value }));
    expect(params).toContain(`${key}2`);
    expect(params).toContain(JSON.stringify([value, 3]));
  });

  it('numbers parameters after the ones already there', () => {
    const params: unknown[] = ['a', 'b'];
    expect(filterToPg({ lang: 'en' }, params)).toBe('(metadata @> $3::jsonb)');
    expect(params).toEqual(['a', 'b', '{"lang":"en"}']);
  });

  it('answers FALSE or TRUE without SQL where the in-memory matcher would, whatever the data', () => {
    expect(filterToPg({ tag: { $in: [] } }, [])).toBe('(FALSE)');
    expect(filterToPg({ year: { $gt: true as unknown as number } }, [])).toBe('(FALSE)');
    expect(filterToPg({ year: { $gt: Number.NaN } }, [])).toBe('(FALSE)');
  });

  it('types range comparisons: numbers with numbers, strings with strings by code point', () => {
    const params: unknown[] = [];
    expect(filterToPg({ year: { $gte: 2020 } }, params)).toBe(
      "(jsonb_typeof(metadata -> $1::text) = 'number' AND metadata -> $1::text >= $2::jsonb)",
    );
    expect(filterToPg({ name: { $lt: 'm' } }, [])).toContain('COLLATE "C" < $2::text COLLATE "C"');
  });

  it('rejects an unknown operator', () => {
    expect(() => filterToPg({ year: { $regex: '.*' } as never }, [])).toThrow(
      /unknown filter operator/,
    );
  });
});
