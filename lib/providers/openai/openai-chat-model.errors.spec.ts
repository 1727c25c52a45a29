import { lastValueFrom, toArray } from 'rxjs';
import {
  AuthenticationError,
  ConnectionError,
  InvalidRequestError,
  InvalidResponseError,
  NotFoundError,
  QuotaExceededError,
  RateLimitError,
  ServerError,
  type ChatRequest,
} from '../../core';
import { readFixture } from '../../../test/support/fixtures';
import { ReplayServer, useReplayServer } from '../../../test/support/replay-server';
import { OpenAIChatModel } from './openai-chat-model';

const KEY = 'sk-proj-secret-key-0123456789';
const request: ChatRequest = { messages: [{ role: 'user', content: 'Hello' }] };

describe('OpenAIChatModel errors', () => {
  const replay = useReplayServer();
  let model: OpenAIChatModel;

  beforeEach(() => {
    model = new OpenAIChatModel({ model: 'gpt-4o', apiKey: KEY, baseUrl: replay.server.baseUrl });
  });

  describe('errors', () => {
    it.each([
      [
        'openai/error-invalid-api-key.401.json',
        AuthenticationError,
        401,
        'invalid_api_key',
        undefined,
      ],
      ['openai/error-model-not-found.404.json', NotFoundError, 404, 'model_not_found', undefined],
      [
        'openai/error-unsupported-parameter.400.json',
        InvalidRequestError,
        400,
        'unsupported_parameter',
        'stop',
      ],
    ] as const)('%s -> %p', async (fixture, type, status, code, param) => {
      replay.server.enqueue({ fixture, headers: { 'x-request-id': 'req_abc123' } });
      const error = await model.chat(request).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(type);
      expect(error).toMatchObject({
        provider: 'openai',
        status,
        code,
        param,
        requestId: 'req_abc123',
        isRetryable: false,
      });
      const body = JSON.parse(readFixture(fixture)) as { error: { message: string } };
      expect((error as Error).message).toBe(
        `OpenAI error ${status} (${code}): ${body.error.message}`,
      );
    });

    it('insufficient_quota with HTTP 429 is QuotaExceededError, not retryable', async () => {
      replay.server.enqueue({
        fixture: 'openai/error-insufficient-quota.json',
        status: 429,
        headers: { 'retry-after': '1' },
      });
      const error = await model.chat(request).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(QuotaExceededError);
      expect(error).not.toBeInstanceOf(RateLimitError);
      expect(error).toMatchObject({ status: 429, code: 'insufficient_quota', isRetryable: false });
      expect((error as Error).message).toMatch(
        /^OpenAI error 429 \(insufficient_quota\): You exceeded your current quota/,
      );
    });

    it('fails the stream with the typed error too', async () => {
      replay.server.enqueue({ fixture: 'openai/error-invalid-api-key.401.json' });
      await expect(lastValueFrom(model.stream(request))).rejects.toBeInstanceOf(
        AuthenticationError,
      );
    });

    const rateLimited = (headers: Record<string, string>) => ({
      status: 429,
      headers,
      body: JSON.stringify({
        error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' },
      }),
    });

    it.each([
      [{ 'retry-after-ms': '1500' }, 1500],
      [{ 'retry-after': '3' }, 3000],
      [{ 'x-ratelimit-reset-requests': '1s', 'x-ratelimit-reset-tokens': '6m0s' }, 360_000],
      [{ 'x-ratelimit-reset-tokens': '120ms' }, 120],
    ])('429 with %p -> RateLimitError.retryAfterMs %p', async (headers, ms) => {
      replay.server.enqueue(rateLimited(headers));
      const error = await model.chat(request).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RateLimitError);
      expect(error).toMatchObject({
        retryAfterMs: ms,
        isRetryable: true,
        code: 'rate_limit_exceeded',
      });
    });

    it.each([500, 503])('%p -> ServerError, retryable', async (status) => {
      replay.server.enqueue({ status, body: '<html>upstream failed</html>' });
      const error = await model.chat(request).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ServerError);
      expect(error).toMatchObject({
        status,
        isRetryable: true,
        body: '<html>upstream failed</html>',
      });
      expect((error as Error).message).toBe(`OpenAI error ${status}: <html>upstream failed</html>`);
    });

    it('never puts the API key in a message or body, even when the server echoes it', async () => {
      replay.server.enqueue({
        status: 401,
        body: JSON.stringify({
          error: {
            message: `Bad key ${KEY}`,
            code: 'invalid_api_key',
            echo: { authorization: `Bearer ${KEY}` },
          },
        }),
      });
      const error = await model.chat(request).catch((e: unknown) => e);
      expect((error as Error).message).toBe(
        'OpenAI error 401 (invalid_api_key): Bad key [REDACTED]',
      );
      expect(JSON.stringify((error as AuthenticationError).body)).not.toContain(KEY);
      expect(JSON.stringify((error as AuthenticationError).body)).toContain('Bearer [REDACTED]');
    });

    it('connection refused -> ConnectionError, retryable', async () => {
      const refused = new OpenAIChatModel({
        model: 'gpt-4o',
        apiKey: KEY,
        baseUrl: await ReplayServer.refusedUrl(),
      });
      const error = await refused.chat(request).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectionError);
      expect(error).toMatchObject({ isRetryable: true });
      await expect(lastValueFrom(refused.stream(request))).rejects.toBeInstanceOf(ConnectionError);
    });

    it('a connection reset mid-stream -> ConnectionError', async () => {
      replay.server.enqueue({ fixture: 'openai/chat-text.stream.txt', destroyAfterBytes: 900 });
      const seen: string[] = [];
      const error = await new Promise((resolve) => {
        model.stream(request).subscribe({ next: (e) => seen.push(e.type), error: resolve });
      });
      expect(error).toBeInstanceOf(ConnectionError);
      expect(seen[0]).toBe('start');
    });

    it('a stream cut before its finish reason -> InvalidResponseError', async () => {
      const full = readFixture('openai/chat-text.stream.txt');
      const cut = full.slice(0, full.indexOf('data: ', full.indexOf('" equals"')));
      replay.server.enqueue({ body: cut });
      await expect(lastValueFrom(model.stream(request).pipe(toArray()))).rejects.toBeInstanceOf(
        InvalidResponseError,
      );
      replay.server.enqueue({ body: `${cut}data: [DONE]\n\n` });
      await expect(lastValueFrom(model.stream(request))).rejects.toThrow(/no finish_reason/);
    });

    it('a stream event that is not JSON -> InvalidResponseError', async () => {
      replay.server.enqueue({ body: 'data: {"id":"x","choices":[\n\n' });
      await expect(lastValueFrom(model.stream(request))).rejects.toBeInstanceOf(
        InvalidResponseError,
      );
    });

    it('an error payload inside the stream -> typed error', async () => {
      replay.server.enqueue({
        body: 'data: {"id":"c","model":"m","choices":[{"index":0,"delta":{"content":"Hi"}}]}\n\ndata: {"error":{"message":"The server had an error","type":"server_error"}}\n\n',
      });
      const error = await lastValueFrom(model.stream(request)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ServerError);
      expect(error).toMatchObject({ isRetryable: true, status: undefined });
    });
  });
});
