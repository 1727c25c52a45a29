import { inspect } from 'node:util';
import {
  APICallError,
  EmptyResponseBodyError,
  InvalidPromptError,
  LoadAPIKeyError,
} from '@ai-sdk/provider';
import {
  AbortedError,
  AuthenticationError,
  ConnectionError,
  ContentFilterError,
  ContextLengthExceededError,
  InvalidRequestError,
  InvalidResponseError,
  NotFoundError,
  ProviderError,
  QuotaExceededError,
  RateLimitError,
  ServerError,
  TimeoutError,
} from '../../core';
import { mapAiSdkError } from './map-ai-sdk-error';

const KEY = 'sk-proj-abcdefghijklmnopqrstuv';

function apiError(
  statusCode: number | undefined,
  body: unknown,
  responseHeaders: Record<string, string> = {},
  message = 'upstream said no',
): APICallError {
  return new APICallError({
    message,
    url: 'https://api.example.com/v1/chat/completions',
    requestBodyValues: { messages: [{ role: 'user', content: 'secret prompt' }] },
    ...(statusCode !== undefined && { statusCode }),
    responseHeaders,
    responseBody: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('mapAiSdkError', () => {
  it('maps a 429 to RateLimitError with the retry-after wait and request id', () => {
    const error = mapAiSdkError(
      apiError(
        429,
        { error: { message: 'slow down', code: 'rate_limit_exceeded' } },
        {
          'retry-after': '3',
          'x-request-id': 'req_9',
        },
      ),
      'openai',
      undefined,
    );
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({
      status: 429,
      code: 'rate_limit_exceeded',
      retryAfterMs: 3000,
      requestId: 'req_9',
      isRetryable: true,
      provider: 'openai',
    });
    expect(error.message).toBe('openai error 429 (rate_limit_exceeded): upstream said no');
  });

  it.each([
    [401, AuthenticationError, false],
    [404, NotFoundError, false],
    [400, InvalidRequestError, false],
    [500, ServerError, true],
    [503, ServerError, true],
  ] as const)('maps status %p by the shared rule', (status, kind, retryable) => {
    const error = mapAiSdkError(apiError(status, { error: { message: 'x' } }), 'p', undefined);
    expect(error).toBeInstanceOf(kind);
    expect(error.isRetryable).toBe(retryable);
  });

  it('recognises context length, content filter and quota answers', () => {
    const context = mapAiSdkError(
      apiError(400, { error: { code: 'context_length_exceeded', message: 'too long' } }),
      'openai',
      undefined,
    );
    expect(context).toBeInstanceOf(ContextLengthExceededError);
    const anthropic = mapAiSdkError(
      apiError(
        400,
        { type: 'error', error: { type: 'invalid_request_error' } },
        {},
        'prompt is too long: 210000 tokens > 200000 maximum',
      ),
      'anthropic',
      undefined,
    );
    expect(anthropic).toBeInstanceOf(ContextLengthExceededError);
    const filter = mapAiSdkError(
      apiError(400, { error: { code: 'content_filter', message: 'filtered' } }),
      'azure',
      undefined,
    );
    expect(filter).toBeInstanceOf(ContentFilterError);
    const quota = mapAiSdkError(
      apiError(429, { error: { code: 'insufficient_quota', message: 'pay' } }),
      'openai',
      undefined,
    );
    expect(quota).toBeInstanceOf(QuotaExceededError);
    expect(quota.isRetryable).toBe(false);
  });

  it('redacts keys from the message and body, and logs no request body', () => {
    const error = mapAiSdkError(
      apiError(
        401,
        { error: { message: `Incorrect API key provided: ${KEY}` } },
        {},
        `bad key ${KEY}`,
      ),
      'openai',
      undefined,
    );
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).not.toContain(KEY);
    expect(JSON.stringify((error as ProviderError).body)).not.toContain(KEY);
    const logged = inspect(error, { depth: 8 });
    expect(logged).not.toContain(KEY);
    expect(logged).not.toContain('secret prompt');
  });

  it('a call that got no status (fetch failed) is a retryable ConnectionError', () => {
    const error = mapAiSdkError(apiError(undefined, ''), 'openai', undefined);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.isRetryable).toBe(true);
  });

  it('maps the AI SDK error kinds without a status', () => {
    expect(
      mapAiSdkError(
        new LoadAPIKeyError({ message: 'OpenAI API key is missing.' }),
        'openai',
        undefined,
      ),
    ).toBeInstanceOf(AuthenticationError);
    expect(
      mapAiSdkError(new InvalidPromptError({ prompt: [], message: 'empty' }), 'openai', undefined),
    ).toBeInstanceOf(InvalidRequestError);
    expect(mapAiSdkError(new EmptyResponseBodyError(), 'openai', undefined)).toBeInstanceOf(
      InvalidResponseError,
    );
  });

  it('maps a stream error part (a plain object) by its message', () => {
    const error = mapAiSdkError(
      { error: { message: 'maximum context length is 8192 tokens', code: 'x' } },
      'vllm',
      undefined,
    );
    expect(error).toBeInstanceOf(ContextLengthExceededError);
    const other = mapAiSdkError(
      { message: 'overloaded', type: 'overloaded_error' },
      'anthropic',
      undefined,
    );
    expect(other).toBeInstanceOf(ProviderError);
    expect(other).toMatchObject({
      code: 'overloaded_error',
      message: 'anthropic error: overloaded',
    });
  });

  it('an aborted call fails with its abort reason, whatever the model threw', () => {
    const controller = new AbortController();
    const timeout = new TimeoutError(5000);
    controller.abort(timeout);
    expect(mapAiSdkError(new Error('aborted'), 'openai', controller.signal)).toBe(timeout);
    const plain = new AbortController();
    plain.abort();
    expect(mapAiSdkError(new Error('aborted'), 'openai', plain.signal)).toBeInstanceOf(
      AbortedError,
    );
    const domAbort = Object.assign(new Error('This operation was aborted'), { name: 'AbortError' });
    expect(mapAiSdkError(domAbort, 'openai', undefined)).toBeInstanceOf(AbortedError);
  });
});
