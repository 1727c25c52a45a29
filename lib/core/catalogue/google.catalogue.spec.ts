import { findModelInfo } from './find-model-info';
import { GOOGLE_CATALOGUE, GOOGLE_PRICES_AS_OF } from './google.catalogue';

describe('GOOGLE_CATALOGUE', () => {
  it('lists the Gemini 2.5 and 3 models the issue names, with dated prices', () => {
    const ids = GOOGLE_CATALOGUE.map((entry) => entry.modelId);
    expect(ids).toEqual(
      expect.arrayContaining([
        'gemini-2.5-pro',
        'gemini-2.5-flash',
        'gemini-2.5-flash-lite',
        'gemini-3-pro-preview',
        'gemini-3-flash-preview',
        'gemini-embedding-001',
        'text-embedding-004',
      ]),
    );
    for (const entry of GOOGLE_CATALOGUE) expect(entry.pricing.asOf).toBe(GOOGLE_PRICES_AS_OF);
  });

  it('finds a Gemini model under the google provider with its files, audio and reasoning', () => {
    const lookup = findModelInfo('google', 'gemini-2.5-flash');
    expect(lookup.known).toBe(true);
    expect(lookup.info.pricing).toMatchObject({ inputPerMillion: 0.3, outputPerMillion: 2.5 });
    expect(lookup.info.capabilities).toMatchObject({
      vision: true,
      pdf: true,
      audio: true,
      reasoning: true,
      structuredOutput: true,
      parallelToolCalls: true,
    });
  });

  it('keeps the cheaper models cheaper (a typo in a price shows here)', () => {
    const price = (id: string): number =>
      findModelInfo('google', id).info.pricing?.inputPerMillion ?? NaN;
    expect(price('gemini-2.5-flash-lite')).toBeLessThan(price('gemini-2.5-flash'));
    expect(price('gemini-2.5-flash')).toBeLessThan(price('gemini-2.5-pro'));
    expect(price('gemini-2.5-pro')).toBeLessThan(price('gemini-3-pro-preview'));
  });

  it('does not answer for another provider', () => {
    expect(findModelInfo('openai', 'gemini-2.5-flash').known).toBe(false);
  });
});
