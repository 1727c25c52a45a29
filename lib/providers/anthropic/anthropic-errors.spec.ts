import {
  AuthenticationError,
  ContextLengthExceededError,
  InvalidRequestError,
  NotFoundError,
  PermissionDeniedError,
  ProviderError,
  QuotaExceededError,
  RateLimitError,
  ServerError,
} from '../../core';
import { readFixtureJson } from '../../../test/support/fixtures';
import { mapAnthropicError, mapAnthropicStreamError } from './anthropic-errors';

const KEY = 'sk-ant-api03-SECRETSECRETSECRET';
const context = { secrets: [KEY], now: () => Date.parse('2026-01-01T00:00:00Z') };
const body = (type: string, message: string) => ({ type: 'error', error: { type, message } });

describe('mapAnthropicError', () => {
  it('maps the recorded 401 with its request id from the body', () => {
    const error = mapAnthropicError(
      {
        status: 401,
        headers: {},
        body: readFixtureJson('anthropic/error-authentication.401.json'),
      },
      context,
    );
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({
      message: 'Anthropic error 401 (authentication_error): invalid x-api-key',
      provider: 'anthropic',
      status: 401,
      code: 'authentication_error',
      requestId: 'req_011CWdMEehrhsdujMyQ9pChP',
      isRetryable: false,
    });
  });

  it('keeps the recorded 401 not retryable with its recorded x-should-retry: false', () => {
    const error = mapAnthropicError(
      {
        status: 401,
        headers: { 'x-should-retry': 'false' },
        body: readFixtureJson('anthropic/error-authentication.401.json'),
      },
      context,
    );
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ isRetryable: false, shouldRetry: false });
  });

  it('x-should-retry decides isRetryable over the class and status, special types included', () => {
    const map = (status: number, shouldRetry: string, type: string, message = 'm') =>
      mapAnthropicError(
        { status, headers: { 'x-should-retry': shouldRetry }, body: body(type, message) },
        context,
      );
    const overloaded = map(529, 'false', 'overloaded_error');
    expect(overloaded).toBeInstanceOf(ServerError);
    expect(overloaded.isRetryable).toBe(false);
    expect(map(409, 'false', 'conflict').isRetryable).toBe(false);
    const invalid = map(400, 'true', 'invalid_request_error');
    expect(invalid).toBeInstanceOf(InvalidRequestError);
    expect(invalid).toMatchObject({ isRetryable: true, shouldRetry: true });
    const tooLong = map(400, 'false', 'invalid_request_error', 'prompt is too long');
    expect(tooLong).toBeInstanceOf(ContextLengthExceededError);
    expect(tooLong).toMatchObject({ isRetryable: false, shouldRetry: false });
    expect(map(400, 'true', 'billing_error').isRetryable).toBe(true);
  });

  it('prefers the request-id header over the body request_id', () => {
    const error = mapAnthropicError(
      {
        status: 404,
        headers: { 'request-id': 'req_header' },
        body: readFixtureJson('anthropic/error-not-found.404.json'),
      },
      context,
    );
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ requestId: 'req_header', code: 'not_found_error' });
  });

  it.each([
    [400, 'invalid_request_error', 'max_tokens: too large', InvalidRequestError, false],
    [
      400,
      'invalid_request_error',
      'prompt is too long: 210000 tokens > 200000 maximum',
      ContextLengthExceededError,
      false,
    ],
    [402, 'billing_error', 'Your credit balance is too low', QuotaExceededError, false],
    [403, 'permission_error', 'not allowed', PermissionDeniedError, false],
    [
      413,
      'request_too_large',
      'Request exceeds the maximum allowed number of bytes',
      InvalidRequestError,
      false,
    ],
    [
      429,
      'rate_limit_error',
      'Number of request tokens has exceeded your per-minute rate limit',
      RateLimitError,
      true,
    ],
    [500, 'api_error', 'Internal server error', ServerError, true],
    [504, 'timeout_error', 'Request timed out', ServerError, true],
    [529, 'overloaded_error', 'Overloaded', ServerError, true],
    [418, 'teapot_error', 'short and stout', ProviderError, false],
  ] as const)('maps %d %s to its class', (status, type, message, errorClass, retryable) => {
    const error = mapAnthropicError({ status, headers: {}, body: body(type, message) }, context);
    expect(error).toBeInstanceOf(errorClass);
    expect(error.isRetryable).toBe(retryable);
    expect(error.message).toBe(`Anthropic error ${status} (${type}): ${message}`);
  });

  it('reads retry-after (seconds) into retryAfterMs for 429 and 529', () => {
    const limited = mapAnthropicError(
      { status: 429, headers: { 'retry-after': '7' }, body: body('rate_limit_error', 'slow down') },
      context,
    );
    expect(limited).toBeInstanceOf(RateLimitError);
    expect((limited as RateLimitError).retryAfterMs).toBe(7000);
    const overloaded = mapAnthropicError(
      {
        status: 529,
        headers: { 'retry-after': '2' },
        body: body('overloaded_error', 'Overloaded'),
      },
      context,
    );
    expect((overloaded as ServerError).retryAfterMs).toBe(2000);
  });

  it('falls back on the anthropic-ratelimit-*-reset timestamps, the longest wait winning', () => {
    const error = mapAnthropicError(
      {
        status: 429,
        headers: {
          'anthropic-ratelimit-requests-reset': '2026-01-01T00:00:03Z',
          'anthropic-ratelimit-tokens-reset': '2026-01-01T00:00:20Z',
          'anthropic-ratelimit-input-tokens-reset': '2026-01-01T00:00:20Z',
          'anthropic-ratelimit-output-tokens-reset': '2026-01-01T00:00:01Z',
        },
        body: body('rate_limit_error', 'slow down'),
      },
      context,
    );
    expect((error as RateLimitError).retryAfterMs).toBe(20_000);
    const requestsOnly = mapAnthropicError(
      {
        status: 429,
        headers: { 'anthropic-ratelimit-requests-reset': '2026-01-01T00:00:03Z' },
        body: body('rate_limit_error', 'slow down'),
      },
      context,
    );
    expect((requestsOnly as RateLimitError).retryAfterMs).toBe(3000);
  });

  it('never lets the API key into the message or the body', () => {
    const error = mapAnthropicError(
      { status: 401, headers: {}, body: body('authentication_error', `invalid x-api-key ${KEY}`) },
      context,
    ) as ProviderError;
    expect(error.message).not.toContain(KEY);
    expect(error.message).toContain('[REDACTED]');
    expect(JSON.stringify(error.body)).not.toContain(KEY);
  });

  it('describes a body that is not an Anthropic error (a proxy page)', () => {
    const error = mapAnthropicError(
      { status: 502, headers: {}, body: '<html>Bad gateway</html>' },
      context,
    );
    expect(error).toBeInstanceOf(ServerError);
    expect(error.message).toBe('Anthropic error 502: <html>Bad gateway</html>');
    expect(mapAnthropicError({ status: 503, headers: {}, body: '' }, context).message).toBe(
      'Anthropic error 503: (empty body)',
    );
    const long = mapAnthropicError({ status: 500, headers: {}, body: 'x'.repeat(400) }, context);
    expect(long.message.endsWith('...')).toBe(true);
    expect(
      mapAnthropicError({ status: 400, headers: {}, body: { type: 'error', error: {} } }, context)
        .message,
    ).toBe('Anthropic error 400: (no message)');
  });
});

describe('mapAnthropicStreamError', () => {
  it('maps a mid-stream overloaded_error to a retryable ServerError without a status', () => {
    const error = mapAnthropicStreamError(
      body('overloaded_error', 'Overloaded'),
      context,
      'req_stream',
    );
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({
      message: 'Anthropic stream error (overloaded_error): Overloaded',
      status: undefined,
      code: 'overloaded_error',
      requestId: 'req_stream',
      isRetryable: true,
    });
  });

  it.each([
    ['api_error', ServerError, true],
    ['timeout_error', ServerError, true],
    ['rate_limit_error', RateLimitError, true],
    ['invalid_request_error', InvalidRequestError, false],
    ['authentication_error', AuthenticationError, false],
    ['permission_error', PermissionDeniedError, false],
    ['not_found_error', NotFoundError, false],
    ['billing_error', QuotaExceededError, false],
    ['request_too_large', InvalidRequestError, false],
    ['something_new', ProviderError, false],
  ] as const)('maps a mid-stream %s by its type', (type, errorClass, retryable) => {
    const error = mapAnthropicStreamError(body(type, 'm'), context);
    expect(error).toBeInstanceOf(errorClass);
    expect(error.isRetryable).toBe(retryable);
  });

  it('takes the request id of the event over the response header one', () => {
    const error = mapAnthropicStreamError(
      { ...body('api_error', 'm'), request_id: 'req_event' },
      context,
      'req_header',
    );
    expect((error as ProviderError).requestId).toBe('req_event');
    expect(
      (mapAnthropicStreamError(body('api_error', 'm'), context) as ProviderError).requestId,
    ).toBeUndefined();
  });

  it('never keeps the key, in the message, the body or a cause, whatever field echoes it', () => {
    const echoed = {
      type: 'error',
      error: { type: 'authentication_error', message: `invalid x-api-key ${KEY}` },
      headers: { 'x-api-key': KEY },
      note: `glued${KEY}`,
    };
    const error = mapAnthropicStreamError(echoed, context);
    expect(error).toBeInstanceOf(AuthenticationError);
    for (const view of [
      error.message,
      String(error.stack),
      JSON.stringify(error),
      JSON.stringify((error as ProviderError).body),
    ]) {
      expect(view).not.toContain(KEY);
      expect(view).not.toContain(KEY.slice(-12));
    }
  });
});
