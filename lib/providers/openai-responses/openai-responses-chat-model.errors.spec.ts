import { lastValueFrom, take, toArray } from 'rxjs';
import {
  AbortedError,
  InvalidResponseError,
  QuotaExceededError,
  RateLimitError,
  type StreamEvent,
} from '../../core';
import { readFixture } from '../../../test/support/fixtures';
import {
  RESPONSES_ASK as ASK,
  RESPONSES_KEY as KEY,
  useResponsesReplay,
} from '../../../test/support/openai-responses-harness';

describe('OpenAIResponsesChatModel failures', () => {
  const replay = useResponsesReplay();

  it('fails a stream with QuotaExceededError when an error event arrives after the start', async () => {
    replay.server.enqueue({ fixture: 'openai/responses-error-insufficient-quota.chunks.jsonl' });
    const seen: StreamEvent[] = [];
    const error = await new Promise<unknown>((resolve) =>
      replay
        .model()
        .stream(ASK)
        .subscribe({ next: (e) => seen.push(e), error: resolve, complete: () => resolve(null) }),
    );
    expect(seen.map((e) => e.type)).toEqual(['start']);
    expect(error).toBeInstanceOf(QuotaExceededError);
    expect(error).toMatchObject({
      code: 'insufficient_quota',
      isRetryable: false,
      provider: 'openai',
    });
  });

  it('maps an HTTP 429 insufficient_quota body to QuotaExceededError and a plain 429 to RateLimitError', async () => {
    replay.server.enqueue(
      {
        fixture: 'openai/error-insufficient-quota.json',
        status: 429,
        headers: { 'x-request-id': 'req_1' },
      },
      {
        status: 429,
        headers: { 'retry-after-ms': '1500' },
        body: JSON.stringify({
          error: { message: 'slow down', type: 'rate_limit_exceeded', code: null },
        }),
      },
    );
    await expect(replay.model().chat(ASK)).rejects.toMatchObject({
      constructor: QuotaExceededError,
      status: 429,
      requestId: 'req_1',
    });
    await expect(replay.model().chat(ASK)).rejects.toMatchObject({
      constructor: RateLimitError,
      retryAfterMs: 1500,
    });
  });

  it('rejects chat() when a 200 body reports a failed response', async () => {
    replay.server.enqueue({
      body: JSON.stringify({
        id: 'resp_1',
        status: 'failed',
        output: [],
        error: { code: 'server_error', message: 'The model crashed.' },
      }),
    });
    await expect(replay.model().chat(ASK)).rejects.toMatchObject({
      name: 'ServerError',
      code: 'server_error',
      isRetryable: true,
    });
  });

  it('fails a stream cut before response.completed with InvalidResponseError', async () => {
    const full = readFixture('openai/responses-text.stream.txt');
    const cut = full.slice(0, full.indexOf('event: response.completed'));
    replay.server.enqueue({ body: cut, headers: { 'content-type': 'text/event-stream' } });
    await expect(lastValueFrom(replay.model().stream(ASK))).rejects.toBeInstanceOf(
      InvalidResponseError,
    );
  });

  it('fails on a data line that is not JSON, without echoing the key', async () => {
    replay.server.enqueue({
      body: `data: {"type":"response.created","response":{}}\n\ndata: oops ${KEY}\n\n`,
    });
    const error = await lastValueFrom(replay.model().stream(ASK)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).not.toContain(KEY);
  });

  it('closes the connection when the consumer unsubscribes mid-stream', async () => {
    replay.server.enqueue({ fixture: 'openai/responses-text.stream.txt', pauseAfterBytes: 3000 });
    const first = await lastValueFrom(replay.model().stream(ASK).pipe(take(2), toArray()));
    expect(first.map((e) => e.type)).toEqual(['start', 'text-delta']);
    await expect(replay.server.waitForClientClose()).resolves.toMatchObject({
      path: '/v1/responses',
    });
  });

  it('fails with AbortedError when the request signal aborts', async () => {
    replay.server.enqueue({ fixture: 'openai/responses-text.stream.txt', pauseAfterBytes: 3000 });
    const controller = new AbortController();
    const pending = lastValueFrom(replay.model().stream({ ...ASK, signal: controller.signal }));
    await replay.server.waitForRequest();
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(AbortedError);
    await replay.server.waitForClientClose();
  });
});
