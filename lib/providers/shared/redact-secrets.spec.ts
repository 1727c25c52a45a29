import { REDACTED, redactSecrets, redactValue } from './redact-secrets';

const KEY = 'sk-proj-abcdef0123456789';

describe('redactSecrets', () => {
  it('replaces every occurrence of the key', () => {
    expect(redactSecrets(`key ${KEY} and again ${KEY}.`, [KEY])).toBe(
      `key ${REDACTED} and again ${REDACTED}.`,
    );
  });

  it('replaces the longest secret first so a key containing another goes whole', () => {
    expect(redactSecrets(`${KEY}-extra`, [KEY, `${KEY}-extra`])).toBe(REDACTED);
  });

  it('leaves text alone without usable secrets (missing or too short)', () => {
    expect(redactSecrets('abc abc', [undefined, 'abc', ''])).toBe('abc abc');
  });
});

describe('redactValue', () => {
  it('redacts strings deep inside an error body, keys included', () => {
    const body = {
      error: { message: `Incorrect API key provided: ${KEY}`, list: [KEY, 1, null, true] },
      [KEY]: 'as key',
    };
    const clean = redactValue(body, [KEY]);
    expect(JSON.stringify(clean)).not.toContain(KEY);
    expect(clean).toEqual({
      error: {
        message: `Incorrect API key provided: ${REDACTED}`,
        list: [REDACTED, 1, null, true],
      },
      [REDACTED]: 'as key',
    });
    // The input is not modified.
    expect(body.error.message).toContain(KEY);
  });

  it('returns the value itself when there is nothing to redact', () => {
    const body = { a: 1 };
    expect(redactValue(body, [undefined])).toBe(body);
    expect(redactValue('plain', [KEY])).toBe('plain');
  });
});
