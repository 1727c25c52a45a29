import { RateLimitError, ServerError, InvalidRequestError, ProviderError } from '../../core';
import { mapGoogleStreamError, parseGoogleDurationMs } from './google-errors';

describe('parseGoogleDurationMs', () => {
  it.each([
    ['22s', 22_000],
    ['0.5s', 500],
    ['1.000340s', 1_000],
    ['22', undefined],
    ['1m', undefined],
    [22, undefined],
  ] as const)('%j -> %j', (value, expected) => {
    expect(parseGoogleDurationMs(value)).toBe(expected);
  });
});

describe('mapGoogleStreamError', () => {
  const context = { secrets: ['AIzaSecretSecretSecret'], requestId: 'req-1' };

  it.each([
    ['RESOURCE_EXHAUSTED', 429, RateLimitError],
    ['UNAVAILABLE', 503, ServerError],
    ['INVALID_ARGUMENT', 400, InvalidRequestError],
    ['SOMETHING_NEW', 500, ServerError],
    ['SOMETHING_NEW', 418, ProviderError],
  ] as const)('%s (%d) -> %p', (status, code, type) => {
    const error = mapGoogleStreamError(
      { error: { code, status, message: 'key AIzaSecretSecretSecret' } },
      context,
    );
    expect(error).toBeInstanceOf(type);
    expect(error.message).not.toContain('AIzaSecretSecretSecret');
    expect(error).toMatchObject({ requestId: 'req-1' });
  });

  it('carries the RetryInfo delay of an in-stream RESOURCE_EXHAUSTED', () => {
    const error = mapGoogleStreamError(
      {
        error: {
          code: 429,
          status: 'RESOURCE_EXHAUSTED',
          message: 'slow down',
          details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '1.5s' }],
        },
      },
      context,
    );
    expect((error as RateLimitError).retryAfterMs).toBe(1_500);
  });
});
