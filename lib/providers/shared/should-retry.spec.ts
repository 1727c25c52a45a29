import { InvalidRequestError, ServerError } from '../../core';
import { applyShouldRetry, parseShouldRetry, shouldRetryOf } from './should-retry';

describe('parseShouldRetry', () => {
  it.each([
    ['true', true],
    ['false', false],
    [' TRUE ', true],
    ['False', false],
    ['yes', undefined],
    ['', undefined],
  ])('x-should-retry: %p -> %p', (value, expected) => {
    expect(parseShouldRetry({ 'x-should-retry': value })).toBe(expected);
  });

  it('is undefined without the header', () => {
    expect(parseShouldRetry({ 'retry-after': '1' })).toBeUndefined();
  });
});

describe('applyShouldRetry', () => {
  it('overrides isRetryable in both directions and keeps the class and the other fields', () => {
    const server = applyShouldRetry(
      new ServerError('boom', { provider: 'openai', status: 500, retryAfterMs: 20 }),
      false,
    );
    expect(server).toBeInstanceOf(ServerError);
    expect(server).toMatchObject({ isRetryable: false, shouldRetry: false, retryAfterMs: 20 });
    const invalid = applyShouldRetry(
      new InvalidRequestError('bad', { provider: 'openai', status: 400 }),
      true,
    );
    expect(invalid).toBeInstanceOf(InvalidRequestError);
    expect(invalid).toMatchObject({ isRetryable: true, shouldRetry: true, status: 400 });
    expect(shouldRetryOf(invalid)).toBe(true);
  });

  it('leaves the error as it is without a verdict', () => {
    const error = new ServerError('boom', { provider: 'openai', status: 500 });
    expect(applyShouldRetry(error, undefined)).toBe(error);
    expect(error.isRetryable).toBe(true);
    expect(Object.hasOwn(error, 'shouldRetry')).toBe(false);
    expect(shouldRetryOf(error)).toBeUndefined();
    expect(shouldRetryOf('x')).toBeUndefined();
  });
});
