import { REDACTED, redactSecrets, redactValue } from './redact-secrets';

const KEY = 'sk-redact-0123456789abcdef';

describe('redactSecrets', () => {
  /** A configured key with no known prefix: only the exact match can find it. */
  const PLAIN_KEY = 'Tk8Rb3Nw6Yq1Zc4Xm9Lp2Hs7';

  it.each([
    ['after a space', `key ${KEY}.`, `key ${REDACTED}.`],
    ['glued to a word', `token_${KEY};`, `token_${REDACTED};`],
    ['glued to letters', `abc${KEY}`, `abc${REDACTED}`],
    ['Anthropic', 'x sk-ant-api03-AbCdEfGhIj1KlMnOp', `x ${REDACTED}`],
    ['xAI glued', 'id=axai-Pd9Fg4Hk2Jl7Qw3Er6Ty', `id=a${REDACTED}`],
    ['Groq glued', 'k_gsk_Hb6Nj3Mk8Lq1Wz5Xc2Vr', `k_${REDACTED}`],
    [
      'Google, in a ?key= URL',
      'GET /v1beta/models?key=AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q&x=1',
      `GET /v1beta/models?key=${REDACTED}&x=1`,
    ],
  ])('finds a key by its shape %s', (_case, text, expected) => {
    expect(redactSecrets(text)).toBe(expected);
  });

  it('leaves hyphenated words that merely contain "sk-" alone', () => {
    const text = 'a task-oriented, risk-adjusted plan about skiing and ask-me-anything';
    expect(redactSecrets(text)).toBe(text);
  });

  it('finds a configured key of no known shape by its exact value, anywhere', () => {
    expect(redactSecrets(`echo:${PLAIN_KEY}x`, [PLAIN_KEY])).toBe(`echo:${REDACTED}x`);
    expect(redactSecrets(`echo:${PLAIN_KEY}x`)).toContain(PLAIN_KEY);
  });

  it.each([
    [`x-api-key: ${PLAIN_KEY}`, `x-api-key: ${REDACTED}`],
    [`Authorization: Basic ${PLAIN_KEY}`, `Authorization: ${REDACTED}`],
    [`OPENAI_API_KEY=${PLAIN_KEY}`, `OPENAI_API_KEY=${REDACTED}`],
    [`{"x-api-key": ["${PLAIN_KEY}"]}`, `{"x-api-key": ["${REDACTED}"]}`],
  ])('redacts the value of a credential assignment whatever its shape: %s', (text, expected) => {
    expect(redactSecrets(text)).toBe(expected);
  });

  it('leaves prose about a key setting alone', () => {
    const text = 'models.default.apiKey: missing; pass apiKey or set OPENAI_API_KEY';
    expect(redactSecrets(text)).toBe(text);
  });

  it('writes a credential found by several rules once', () => {
    expect(redactSecrets(`Authorization: Bearer ${PLAIN_KEY}`, [PLAIN_KEY])).toBe(
      `Authorization: ${REDACTED}`,
    );
    expect(redactSecrets(`Authorization: ${REDACTED}`)).toBe(`Authorization: ${REDACTED}`);
    expect(redactSecrets(`my ${PLAIN_KEY}`, [PLAIN_KEY, 'short'])).toBe(`my ${REDACTED}`);
  });

  it('redacted before an excerpt is cut, no piece of a key straddling the cut survives', () => {
    const text = `${'x'.repeat(290)}${PLAIN_KEY} rest`;
    const excerpt = redactSecrets(text, [PLAIN_KEY]).slice(0, 300);
    expect(excerpt).not.toContain(PLAIN_KEY.slice(0, 8));
    // The other order is the bug this guards against.
    expect(redactSecrets(text.slice(0, 300), [PLAIN_KEY])).toContain(PLAIN_KEY.slice(0, 8));
  });

  // Speed on hostile runs (linear, not quadratic) is measured by `npm run bench:redact`, not here.
  it('takes a long run of "sk-" as one key shape, masked whole', () => {
    expect(redactSecrets('sk-'.repeat(200_000))).toBe(REDACTED);
  });

  it('still finds a credential after a long run of digit-less api_key= assignments', () => {
    const run = 'api_key='.repeat(10_000);
    const redacted = redactSecrets(`${run}sk0123456789abcdef`);
    expect(redacted.endsWith(`api_key=${REDACTED}`)).toBe(true);
    expect(redacted).not.toContain('0123456789abcdef');
  });
});

describe('redactValue', () => {
  it('redacts strings and property names deep in a body, and credential fields whole', () => {
    const body = {
      headers: { Authorization: 'Bearer opaque-token', 'X-Api-Key': 'opaque', apiKey: ['opaque'] },
      note: `seen ${KEY}`,
      [KEY]: 1,
    };
    expect(redactValue(body)).toEqual({
      headers: {
        Authorization: `Bearer ${REDACTED}`,
        'X-Api-Key': REDACTED,
        apiKey: [REDACTED],
      },
      note: `seen ${REDACTED}`,
      [REDACTED]: 1,
    });
    // The input is not modified.
    expect(body.note).toContain(KEY);
  });

  it('returns a clean value as itself', () => {
    const body = { a: [1, 'two', { three: null }] };
    expect(redactValue(body, [KEY])).toBe(body);
  });

  it('cuts a cyclic or too deep value instead of keeping it unread', () => {
    const cyclic: Record<string, unknown> = { note: KEY };
    cyclic['self'] = cyclic;
    const text = JSON.stringify(redactValue(cyclic));
    expect(text).not.toContain(KEY);
    expect(text).toContain('[too deep]');
  });
});
