import { inspect } from 'node:util';
import { REDACTED } from '../redact-secrets';
import { AbortedError } from './aborted.error';
import { ConduitError } from './conduit.error';
import { InvalidResponseError } from './invalid-response.error';
import { ProviderError } from './provider.error';

/** A configured key of no known shape: only `secrets` can redact it. */
const KEY = 'Tk8Rb3Nw6Yq1Zc4Xm9Lp2Hs7';
const SHAPED = 'sk-proj-Q7xT2mVb9LkW4nRz8HcY';

function printed(error: unknown): string {
  return [
    String(error),
    String((error as Error).stack),
    JSON.stringify(error),
    inspect(error, { depth: null, showHidden: true }),
  ].join('\n');
}

describe('ProviderError redacts what it keeps, at construction', () => {
  it('message, stack, body, code, param and request id: the given secrets and every key shape', () => {
    const error = new InvalidResponseError(`echo ${KEY} ${SHAPED}`, {
      provider: 'vllm',
      body: { headers: { authorization: `Bearer ${KEY}` }, note: `k=${KEY}`, other: SHAPED },
      code: `c-${KEY}`,
      param: `x-api-key: ${SHAPED}`,
      requestId: `req_${KEY}`,
      secrets: [KEY],
    });
    expect(error.message).toBe(`echo ${REDACTED} ${REDACTED}`);
    expect(error.body).toEqual({
      headers: { authorization: `Bearer ${REDACTED}` },
      note: `k=${REDACTED}`,
      other: REDACTED,
    });
    expect(error.param).toBe(`x-api-key: ${REDACTED}`);
    for (const secret of [KEY, SHAPED]) expect(printed(error)).not.toContain(secret);
  });

  it('does not keep the secrets it was given', () => {
    const error = new ProviderError('m', { provider: 'p', secrets: [KEY] });
    expect(printed(error)).not.toContain(KEY);
    expect(Object.keys(error)).not.toContain('secrets');
  });

  it('finds key shapes without being told any secret', () => {
    const error = new ProviderError(`proxy said ${SHAPED}`, {
      provider: 'p',
      body: `x-api-key: ${KEY}`,
    });
    expect(printed(error)).not.toContain(SHAPED);
    expect(error.body).toBe(`x-api-key: ${REDACTED}`);
  });
});

describe('ConduitError redacts its cause', () => {
  it('replaces a foreign error that holds a key with a redacted copy', () => {
    const cause = new SyntaxError(`Unexpected token in "${SHAPED}"`);
    const error = new ConduitError('failed', { cause });
    expect(error.cause).toBeInstanceOf(Error);
    expect((error.cause as Error).name).toBe('SyntaxError');
    expect(printed(error)).not.toContain(SHAPED);
    // The original is not touched.
    expect(cause.message).toContain(SHAPED);
  });

  it('keeps a clean cause as itself (abort reasons are compared by identity)', () => {
    const reason = new Error('user left');
    expect(new AbortedError(undefined, { cause: reason }).cause).toBe(reason);
    const conduit = new ConduitError('inner');
    expect(new ConduitError('outer', { cause: conduit }).cause).toBe(conduit);
  });

  it('redacts a cause that is not an error, and a cause chain', () => {
    const chained = new Error('outer', { cause: new Error(`inner ${SHAPED}`) });
    const error = new ConduitError('failed', { cause: chained });
    expect(printed(error)).not.toContain(SHAPED);
    const plain = new ConduitError('failed', { cause: { key: KEY }, secrets: [KEY] });
    expect(plain.cause).toEqual({ key: REDACTED });
  });
});
