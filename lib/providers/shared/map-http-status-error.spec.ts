import {
  AuthenticationError,
  InvalidRequestError,
  NotFoundError,
  PermissionDeniedError,
  ProviderError,
  QuotaExceededError,
  RateLimitError,
  ServerError,
} from '../../core';
import { BASE_URL_HINT, mapHttpStatusError } from './map-http-status-error';

const base = {
  provider: 'acme',
  message: 'acme error',
  requestId: 'req_1',
  code: 'c',
  param: 'p',
  body: { x: 1 },
};

describe('mapHttpStatusError', () => {
  it.each([
    [400, InvalidRequestError, false],
    [422, InvalidRequestError, false],
    [401, AuthenticationError, false],
    [403, PermissionDeniedError, false],
    [404, NotFoundError, false],
    [429, RateLimitError, true],
    [500, ServerError, true],
    [502, ServerError, true],
    [503, ServerError, true],
    [529, ServerError, true],
  ] as const)('%p -> %p (retryable: %p)', (status, type, retryable) => {
    const error = mapHttpStatusError({ ...base, status });
    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject({
      status,
      isRetryable: retryable,
      provider: 'acme',
      requestId: 'req_1',
      code: 'c',
      param: 'p',
      body: { x: 1 },
      message: status === 404 ? `acme error ${BASE_URL_HINT}` : 'acme error',
    });
  });

  it('a 404 about a route (not a model) hints at the missing /v1 of the base URL', () => {
    const route = mapHttpStatusError({
      provider: 'openai',
      status: 404,
      message: 'OpenAI error 404: Invalid URL (POST /chat/completions)',
    });
    expect(route.message).toContain('Does baseUrl end with /v1?');
    const model = mapHttpStatusError({
      provider: 'openai',
      status: 404,
      message: 'OpenAI error 404 (model_not_found): The model `gpt-5-mni` does not exist',
    });
    expect(model.message).not.toContain('baseUrl');
  });

  it.each([408, 409])('%p -> a retryable ProviderError', (status) => {
    const error = mapHttpStatusError({ ...base, status });
    expect(error.constructor).toBe(ProviderError);
    expect(error.isRetryable).toBe(true);
  });

  it('other statuses -> a non-retryable ProviderError', () => {
    const error = mapHttpStatusError({ provider: 'acme', message: 'teapot', status: 418 });
    expect(error.constructor).toBe(ProviderError);
    expect(error).toMatchObject({ isRetryable: false, code: undefined, requestId: undefined });
  });

  it('carries retryAfterMs on 429 and 5xx', () => {
    expect(mapHttpStatusError({ ...base, status: 429, retryAfterMs: 1200 })).toMatchObject({
      retryAfterMs: 1200,
    });
    expect(mapHttpStatusError({ ...base, status: 503, retryAfterMs: 50 })).toMatchObject({
      retryAfterMs: 50,
    });
    expect(mapHttpStatusError({ ...base, status: 429 })).toMatchObject({ retryAfterMs: undefined });
  });

  it('a 429 the caller knows is a quota -> QuotaExceededError, not retryable', () => {
    const error = mapHttpStatusError({
      ...base,
      status: 429,
      quotaExceeded: true,
      retryAfterMs: 10,
    });
    expect(error).toBeInstanceOf(QuotaExceededError);
    expect(error.isRetryable).toBe(false);
  });

  it.each([
    [500, ServerError, false],
    [529, ServerError, false],
    [429, RateLimitError, false],
    [409, ProviderError, false],
    [400, InvalidRequestError, true],
    [401, AuthenticationError, true],
    [418, ProviderError, true],
  ] as const)(
    'an explicit shouldRetry beats the status: %p stays %p, retryable %p',
    (status, type, shouldRetry) => {
      const error = mapHttpStatusError({ ...base, status, shouldRetry });
      expect(error).toBeInstanceOf(type);
      expect(error).toMatchObject({ status, isRetryable: shouldRetry, shouldRetry });
    },
  );

  it('without shouldRetry the status decides and no verdict is recorded', () => {
    const error = mapHttpStatusError({ ...base, status: 500, shouldRetry: undefined });
    expect(error.isRetryable).toBe(true);
    expect(Object.hasOwn(error, 'shouldRetry')).toBe(false);
  });
});
