import { findPii } from './find-pii';
import type { PiiKind } from './pii-kind.types';
import { passesIbanCheck, passesLuhn } from './pii-checksums';

const ALL = new Set<PiiKind>(['email', 'phone', 'card', 'iban', 'api_key']);

/** The findings as `kind:text`. */
function found(text: string, kinds: ReadonlySet<PiiKind> = ALL): string[] {
  return findPii(text, kinds).map((s) => `${s.kind}:${text.slice(s.start, s.end)}`);
}

describe('findPii', () => {
  it('finds emails, and not an @ without a domain', () => {
    expect(found('write to jane.doe+news@mail.example.co.uk. Or @team on chat, or a@b')).toEqual([
      'email:jane.doe+news@mail.example.co.uk',
    ]);
  });

  it('finds card numbers only when they pass Luhn, written together or in groups', () => {
    expect(found('card 4111 1111 1111 1111 exp 12/28')).toEqual(['card:4111 1111 1111 1111']);
    expect(found('card 4242-4242-4242-4242.')).toEqual(['card:4242-4242-4242-4242']);
    expect(found('ref 4111 1111 1111 1112')).toEqual([]);
    expect(passesLuhn('79927398713')).toBe(true);
    expect(passesLuhn('79927398710')).toBe(false);
  });

  it('finds IBANs only when their checksum holds, printed or compact', () => {
    expect(found('IBAN DE89 3704 0044 0532 0130 00, thanks')).toEqual([
      'iban:DE89 3704 0044 0532 0130 00',
    ]);
    expect(found('pay GB82WEST12345698765432 today')).toEqual(['iban:GB82WEST12345698765432']);
    expect(found('pay DE89 3704 0044 0532 0130 01 today')).not.toContainEqual(
      expect.stringMatching(/^iban/),
    );
    expect(passesIbanCheck('FR1420041010050500013M02606')).toBe(true);
  });

  it('finds phone numbers, not dates, years, amounts or versions', () => {
    expect(found('call +1 (555) 123-4567 or 555-123-4567')).toEqual([
      'phone:+1 (555) 123-4567',
      'phone:555-123-4567',
    ]);
    expect(found('London +44 20 7946 0958.')).toEqual(['phone:+44 20 7946 0958']);
    expect(found('on 2024-01-05, in 1999, for 12.50 EUR, v1.2.3, order 12345')).toEqual([]);
  });

  it('finds API keys of the usual shapes', () => {
    expect(found('key sk-proj-abcdefghijklmnop1234 and AKIAABCDEFGHIJKLMNOP')).toEqual([
      'api_key:sk-proj-abcdefghijklmnop1234',
      'api_key:AKIAABCDEFGHIJKLMNOP',
    ]);
  });

  it('sees through zero-width characters slipped into a value', () => {
    const email = 'jo\u200bhn@exa\u200dmple.com';
    const card = '4111\u200b1111\u200b1111\u200b1111';
    expect(found(`mail ${email} card ${card}`)).toEqual([`email:${email}`, `card:${card}`]);
  });

  it('reads digits of other scripts (fullwidth, Arabic-Indic, mathematical) and a fullwidth @', () => {
    const fullwidth = '４１１１ １１１１ １１１１ １１１１';
    const arabic = '٤١١١١١١١١١١١١١١١';
    const math = '𝟒𝟏𝟏𝟏𝟏𝟏𝟏𝟏𝟏𝟏𝟏𝟏𝟏𝟏𝟏𝟏';
    expect(found(`a ${fullwidth} b ${arabic} c ${math} d jane＠example．com`)).toEqual([
      `card:${fullwidth}`,
      `card:${arabic}`,
      `card:${math}`,
      'email:jane＠example．com',
    ]);
  });

  it('only looks for the kinds asked for', () => {
    expect(found('jane@example.com 4111111111111111', new Set<PiiKind>(['card']))).toEqual([
      'card:4111111111111111',
    ]);
  });

  it('stays linear on 1 MB inputs built to make a naive scanner backtrack', () => {
    // Each of these is quadratic for a naive regex (a long local part with no @, an @ run, a
    // digit run of many groups, IBAN-like starts, key prefixes). Run without timing: a quadratic
    // scan of 1 MB would not finish within the test's time limit.
    const mb = 1 << 20;
    const inputs = [
      'a'.repeat(mb),
      'a@'.repeat(mb / 2),
      '1 '.repeat(mb / 2),
      'DE00 '.repeat(mb / 5),
      'sk-'.repeat(mb / 3),
      `${'x.'.repeat(mb / 2)}@`,
      '\u200b4'.repeat(mb / 2),
    ];
    for (const input of inputs) expect(Array.isArray(findPii(input, ALL))).toBe(true);
    const spans = findPii(`${'word '.repeat(mb / 5)}jane@example.com`, ALL);
    expect(spans).toHaveLength(1);
  });
});
