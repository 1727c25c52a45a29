import {
  AuthenticationError,
  ContentFilterError,
  ContextLengthExceededError,
  InvalidRequestError,
  ProviderError,
  QuotaExceededError,
  RateLimitError,
  ServerError,
} from '../../../core';
import { readFixtureJson } from '../../../../test/support/fixtures';
import { mapOpenAIError, mapOpenAIStreamError } from './openai-errors';

const KEY = 'sk-live-abcdefghijkl';
const context = { provider: 'openai', secrets: [KEY] };
const body = (code: string, message = 'msg', extra: Record<string, unknown> = {}) => ({
  error: { message, type: 'invalid_request_error', param: null, code, ...extra },
});

describe('mapOpenAIError', () => {
  it('maps the recorded 401 with its request id and message', () => {
    const error = mapOpenAIError(
      {
        status: 401,
        headers: { 'x-request-id': 'req_1' },
        body: readFixtureJson('openai/error-invalid-api-key.401.json'),
      },
      context,
    );
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toMatch(
      /^OpenAI error 401 \(invalid_api_key\): Incorrect API key provided: invalid-\*{5}2345\./,
    );
    expect(error).toMatchObject({ requestId: 'req_1', code: 'invalid_api_key', param: undefined });
  });

  it('x-should-retry decides isRetryable over the class, which is kept', () => {
    const map = (status: number, shouldRetry: string, error = body('x')) =>
      mapOpenAIError({ status, headers: { 'x-should-retry': shouldRetry }, body: error }, context);
    expect(map(500, 'false')).toBeInstanceOf(ServerError);
    expect(map(500, 'false')).toMatchObject({ isRetryable: false, shouldRetry: false });
    expect(map(429, 'false')).toBeInstanceOf(RateLimitError);
    expect(map(429, 'false').isRetryable).toBe(false);
    expect(map(400, 'true')).toBeInstanceOf(InvalidRequestError);
    expect(map(400, 'true')).toMatchObject({ isRetryable: true, shouldRetry: true });
    const quota = map(429, 'true', readFixtureJson('openai/error-insufficient-quota.json'));
    expect(quota).toBeInstanceOf(QuotaExceededError);
    expect(quota.isRetryable).toBe(true);
    expect(map(500, 'unknown').isRetryable).toBe(true);
  });

  it('insufficient_quota -> QuotaExceededError whatever the status', () => {
    const quota = readFixtureJson('openai/error-insufficient-quota.json');
    expect(mapOpenAIError({ status: 429, headers: {}, body: quota }, context)).toBeInstanceOf(
      QuotaExceededError,
    );
    expect(mapOpenAIError({ status: 403, headers: {}, body: quota }, context)).toBeInstanceOf(
      QuotaExceededError,
    );
  });

  it('context_length_exceeded (code or message) -> ContextLengthExceededError', () => {
    const byCode = mapOpenAIError(
      { status: 400, headers: {}, body: body('context_length_exceeded') },
      context,
    );
    expect(byCode).toBeInstanceOf(ContextLengthExceededError);
    expect(byCode).toBeInstanceOf(InvalidRequestError);
    const byMessage = mapOpenAIError(
      {
        status: 400,
        headers: {},
        body: body('x', "This model's maximum context length is 128000 tokens"),
      },
      context,
    );
    expect(byMessage).toBeInstanceOf(ContextLengthExceededError);
  });

  it.each(['content_filter', 'content_policy_violation'])('%p -> ContentFilterError', (code) => {
    expect(mapOpenAIError({ status: 400, headers: {}, body: body(code) }, context)).toBeInstanceOf(
      ContentFilterError,
    );
  });

  it('falls back on the error type when there is no code', () => {
    const error = mapOpenAIError(
      {
        status: 400,
        headers: {},
        body: { error: { message: 'bad', type: 'invalid_request_error' } },
      },
      context,
    );
    expect(error).toMatchObject({ code: 'invalid_request_error' });
    expect(mapOpenAIError({ status: 400, headers: {}, body: { error: {} } }, context).message).toBe(
      'OpenAI error 400: (no message)',
    );
  });

  it('describes non-OpenAI bodies and names compatible providers as given', () => {
    const error = mapOpenAIError(
      { status: 502, headers: {}, body: '' },
      { provider: 'vllm', secrets: [] },
    );
    expect(error).toBeInstanceOf(ServerError);
    expect(error.message).toBe('vllm error 502: (empty body)');
    const json = mapOpenAIError(
      { status: 400, headers: {}, body: { detail: 'x'.repeat(400) } },
      context,
    );
    expect(json.message).toMatch(/^OpenAI error 400: \{"detail":"x+\.\.\.$/);
  });

  it('redacts the key from message and body', () => {
    const error = mapOpenAIError(
      { status: 401, headers: {}, body: body('invalid_api_key', `key ${KEY}`) },
      context,
    );
    expect(error.message).not.toContain(KEY);
    expect(JSON.stringify((error as ProviderError).body)).not.toContain(KEY);
  });

  it('reads retry-after headers on 429', () => {
    const error = mapOpenAIError(
      {
        status: 429,
        headers: { 'x-ratelimit-reset-requests': '2s' },
        body: body('rate_limit_exceeded'),
      },
      context,
    );
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(2000);
  });
});

describe('mapOpenAIStreamError', () => {
  it('uses status_code when the server puts one in the payload (Groq)', () => {
    const error = mapOpenAIStreamError(
      {
        error: {
          message: 'Tool call validation failed',
          code: 'tool_use_failed',
          status_code: 400,
        },
      },
      { provider: 'groq', secrets: [] },
    );
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error).toMatchObject({ status: 400, code: 'tool_use_failed' });
    expect(error.message).toBe('groq error 400 (tool_use_failed): Tool call validation failed');
  });

  it.each([
    ['rate_limit_exceeded', RateLimitError, true],
    ['server_error', ServerError, true],
    ['api_error', ServerError, true],
    ['insufficient_quota', QuotaExceededError, false],
    ['invalid_prompt', ProviderError, false],
  ] as const)('%p -> %p', (code, type, retryable) => {
    const error = mapOpenAIStreamError({ error: { message: `m ${KEY}`, type: code } }, context);
    expect(error).toBeInstanceOf(type);
    expect(error.isRetryable).toBe(retryable);
    expect(error.message).toBe(`OpenAI stream error (${code}): m [REDACTED]`);
  });

  it('copes with an error payload without code', () => {
    const error = mapOpenAIStreamError({ error: { message: 'odd', param: 'p' } }, context);
    expect(error.constructor).toBe(ProviderError);
    expect(error).toMatchObject({ param: 'p', code: undefined, status: undefined });
    expect(error.message).toBe('OpenAI stream error: odd');
  });
});
