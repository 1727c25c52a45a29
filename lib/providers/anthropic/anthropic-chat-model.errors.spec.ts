import { lastValueFrom } from 'rxjs';
import {
  AuthenticationError,
  InvalidRequestError,
  NotFoundError,
  RateLimitError,
  ServerError,
} from '../../core';
import {
  ANTHROPIC_ASK as request,
  useAnthropicReplay,
} from '../../../test/support/anthropic-harness';

const replay = useAnthropicReplay();

describe('AnthropicChatModel errors', () => {
  it.each([
    [
      'anthropic/error-authentication.401.json',
      AuthenticationError,
      'req_011CWdMEehrhsdujMyQ9pChP',
      'authentication_error',
    ],
    [
      'anthropic/error-not-found.404.json',
      NotFoundError,
      'req_011CWbzicpaYMyAiiXobLkzi',
      'not_found_error',
    ],
    [
      'anthropic/error-invalid-request.400.json',
      InvalidRequestError,
      'req_011Ca7jT9AHpgXgdv8igm4z9',
      'invalid_request_error',
    ],
  ] as const)('maps %s for chat() and stream()', async (fixture, errorClass, requestId, code) => {
    const model = replay.model([{ fixture }, { fixture, headers: { 'x-should-retry': 'false' } }]);
    const fromChat = await model.chat(request).catch((e: unknown) => e);
    const fromStream = await lastValueFrom(model.stream(request)).catch((e: unknown) => e);
    for (const error of [fromChat, fromStream]) {
      expect(error).toBeInstanceOf(errorClass);
      expect(error).toMatchObject({ provider: 'anthropic', requestId, code, isRetryable: false });
    }
  });

  it('maps a 529 overloaded_error to a retryable ServerError with the request-id header', async () => {
    const body = JSON.stringify({
      type: 'error',
      error: { type: 'overloaded_error', message: 'Overloaded' },
    });
    const model = replay.model({ status: 529, body, headers: { 'request-id': 'req_529' } });
    const error = await model.chat(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({
      status: 529,
      isRetryable: true,
      requestId: 'req_529',
      code: 'overloaded_error',
    });
  });

  it('reads retry-after, then anthropic-ratelimit-requests-reset, into RateLimitError.retryAfterMs', async () => {
    const body = JSON.stringify({
      type: 'error',
      error: { type: 'rate_limit_error', message: 'slow down' },
    });
    const now = Date.parse('2026-03-01T12:00:00Z');
    const clock = jest.spyOn(Date, 'now').mockReturnValue(now);
    try {
      const model = replay.model([
        { status: 429, body, headers: { 'retry-after': '12' } },
        {
          status: 429,
          body,
          headers: { 'anthropic-ratelimit-requests-reset': '2026-03-01T12:00:04Z' },
        },
      ]);
      const first = await model.chat(request).catch((e: unknown) => e);
      const second = await lastValueFrom(model.stream(request)).catch((e: unknown) => e);
      expect(first).toBeInstanceOf(RateLimitError);
      expect(first).toMatchObject({ retryAfterMs: 12_000, isRetryable: true });
      expect(second).toBeInstanceOf(RateLimitError);
      expect(second).toMatchObject({ retryAfterMs: 4_000, isRetryable: true });
    } finally {
      clock.mockRestore();
    }
  });

  it('fails with InvalidResponseError when a 200 answer is not a message', async () => {
    const model = replay.model({ body: '{"type":"something_else"}' });
    await expect(model.chat(request)).rejects.toMatchObject({ name: 'InvalidResponseError' });
  });

  it('rejects malformed provider options before any request', async () => {
    const model = replay.model([]);
    const bad = { ...request, providerOptions: { anthropic: { cacheControl: { messages: [9] } } } };
    await expect(model.chat(bad)).rejects.toMatchObject({ name: 'ConduitValidationError' });
    await expect(lastValueFrom(model.stream(bad))).rejects.toMatchObject({
      name: 'ConduitValidationError',
    });
    expect(replay.server.requests).toHaveLength(0);
  });
});
