import { validateTexts } from './validate-texts';

describe('validateTexts', () => {
  it('turns a string into one text and keeps a list', () => {
    expect(validateTexts('a')).toEqual({ texts: ['a'], issues: [] });
    expect(validateTexts(['a', 'b'])).toEqual({ texts: ['a', 'b'], issues: [] });
  });

  it('rejects an empty list, empty texts and non-strings, naming each', () => {
    expect(validateTexts([]).issues).toEqual([
      { path: 'texts', message: 'must contain at least one text' },
    ]);
    expect(validateTexts('').issues).toEqual([
      { path: 'texts', message: 'must not be empty (providers reject empty input)' },
    ]);
    expect(validateTexts(['ok', '', 3]).issues.map((i) => i.path)).toEqual([
      'texts[1]',
      'texts[2]',
    ]);
    expect(validateTexts({}).issues).toEqual([
      { path: 'texts', message: 'must be a string or an array of strings' },
    ]);
  });
});
