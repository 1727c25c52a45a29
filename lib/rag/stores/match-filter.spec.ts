import { filterToChromaWhere } from './filter-to-chroma-where';
import { filterToSql, sqlColumn } from './filter-to-sql';
import { matchesFilter } from './match-filter';

describe('matchesFilter', () => {
  const metadata = { lang: 'en', year: 2021, draft: false, title: "O'Hara" };

  it('matches equality, $in, $ne and ranges on numbers and strings', () => {
    expect(matchesFilter(metadata, { lang: 'en', draft: false })).toBe(true);
    expect(matchesFilter(metadata, { lang: 'fr' })).toBe(false);
    expect(matchesFilter(metadata, { lang: { $in: ['fr', 'en'] } })).toBe(true);
    expect(matchesFilter(metadata, { year: { $gte: 2021, $lt: 2022 } })).toBe(true);
    expect(matchesFilter(metadata, { year: { $gt: 2021 } })).toBe(false);
    expect(matchesFilter(metadata, { lang: { $gte: 'a', $lte: 'f' } })).toBe(true);
    expect(matchesFilter(metadata, { missing: { $ne: 'x' } })).toBe(true);
    expect(matchesFilter(metadata, { missing: 'x' })).toBe(false);
  });

  it('never compares a number with a string in a range', () => {
    expect(matchesFilter(metadata, { lang: { $gt: 1 } })).toBe(false);
    expect(matchesFilter(metadata, { year: { $lt: '3000' } })).toBe(false);
  });

  it('rejects an unknown operator', () => {
    expect(() => matchesFilter(metadata, { year: { $regex: 'x' } as never })).toThrow(
      /unknown filter operator \$regex/,
    );
  });
});

describe('filterToSql', () => {
  it('writes quoted columns and escaped literals, joined with AND', () => {
    expect(
      filterToSql(
        { title: "O'Hara", year: { $gte: 2020, $lt: 2025 }, tag: { $in: ['a', 'b'] }, ok: true },
        sqlColumn,
      ),
    ).toBe(
      "(`title` = 'O''Hara') AND (`year` >= 2020) AND (`year` < 2025) AND (`tag` IN ('a', 'b')) AND (`ok` = TRUE)",
    );
    expect(filterToSql({ tag: { $in: [] } }, sqlColumn)).toBe('(FALSE)');
    expect(filterToSql({ lang: { $ne: 'en' } }, sqlColumn)).toBe(
      "((`lang` IS NULL OR `lang` != 'en'))",
    );
    expect(filterToSql(undefined, sqlColumn)).toBeUndefined();
  });

  it('refuses values SQL cannot hold safely', () => {
    expect(() => filterToSql({ year: Number.NaN }, sqlColumn)).toThrow(/cannot use/);
  });
});

describe('filterToChromaWhere', () => {
  it('uses one operator a clause and $and for several', () => {
    expect(filterToChromaWhere({ lang: 'en' })).toEqual({ lang: { $eq: 'en' } });
    expect(filterToChromaWhere({ lang: { $in: ['en'] }, year: { $gte: 1, $lt: 3 } })).toEqual({
      $and: [{ lang: { $in: ['en'] } }, { year: { $gte: 1 } }, { year: { $lt: 3 } }],
    });
    expect(filterToChromaWhere({})).toBeUndefined();
  });
});
