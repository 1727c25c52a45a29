import {
  InvalidRequestError,
  NotFoundError,
  ToolUseFailedError,
  type ChatRequest,
  type StreamEvent,
} from '../../core';
import { useReplayServer } from '../../../test/support/replay-server';
import { applyShouldRetry } from '../shared/should-retry';
import { GroqChatModel } from './groq-chat-model';
import { mapGroqError } from './groq-errors';

const KEY = 'gsk_test_key_1234567890';
const ASK: ChatRequest = { messages: [{ role: 'user', content: 'Call the tool' }] };

describe('GroqChatModel failures', () => {
  const replay = useReplayServer();
  const groq = (
    model = 'openai/gpt-oss-120b',
    extra: Partial<ConstructorParameters<typeof GroqChatModel>[0]> = {},
  ) => new GroqChatModel({ model, apiKey: KEY, baseUrl: replay.server.baseUrl, ...extra });

  it('fails a stream that ends in event: error tool_use_failed with ToolUseFailedError', async () => {
    replay.server.enqueue({
      fixture: 'groq/chat-stream-error-tool-use-failed.stream.txt',
      chunkSize: 200,
    });
    const seen: StreamEvent[] = [];
    const error = await new Promise<unknown>((resolve) =>
      groq()
        .stream(ASK)
        .subscribe({ next: (e) => seen.push(e), error: resolve, complete: () => resolve(null) }),
    );
    expect(seen[0]?.type).toBe('start');
    expect(seen.some((e) => e.type === 'reasoning-delta')).toBe(true);
    expect(error).toBeInstanceOf(ToolUseFailedError);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error).toMatchObject({
      provider: 'groq',
      status: 400,
      code: 'tool_use_failed',
      isRetryable: false,
      failedGeneration:
        '{"name": "get_something_by_name", "arguments": {\n  "invalid_param": "value"\n}}',
    });
  });

  it('rejects chat() on an HTTP 400 tool_use_failed with ToolUseFailedError', async () => {
    replay.server.enqueue({ fixture: 'groq/error-tool-use-failed.400.json' });
    const error = await groq()
      .chat(ASK)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ToolUseFailedError);
    expect(error).toMatchObject({
      status: 400,
      failedGeneration: '{"name": "get_something_by_name", "arguments": {\n  "foo": "bar"\n}}',
    });
    expect((error as Error).message).toMatch(
      /^groq error 400 \(tool_use_failed\): Tool call validation failed/,
    );
  });

  it('maps a 404 model_not_found to NotFoundError', async () => {
    replay.server.enqueue({ fixture: 'groq/error-model-not-found.404.json' });
    await expect(groq('non-existent').chat(ASK)).rejects.toMatchObject({
      constructor: NotFoundError,
      code: 'model_not_found',
      provider: 'groq',
    });
  });
});

describe('mapGroqError', () => {
  it('passes other errors through unchanged', () => {
    const other = new InvalidRequestError('bad', { provider: 'groq', code: 'invalid_value' });
    expect(mapGroqError(other)).toBe(other);
    const plain = new Error('x');
    expect(mapGroqError(plain)).toBe(plain);
  });

  it("carries the provider's x-should-retry verdict over to the ToolUseFailedError", () => {
    const error = mapGroqError(
      applyShouldRetry(
        new InvalidRequestError('bad', { provider: 'groq', code: 'tool_use_failed' }),
        true,
      ),
    );
    expect(error).toBeInstanceOf(ToolUseFailedError);
    expect(error).toMatchObject({ isRetryable: true, shouldRetry: true });
  });

  it('keeps a tool_use_failed error without failed_generation', () => {
    const error = mapGroqError(
      new InvalidRequestError('bad', { provider: 'groq', code: 'tool_use_failed', body: 'text' }),
    );
    expect(error).toBeInstanceOf(ToolUseFailedError);
    expect((error as ToolUseFailedError).failedGeneration).toBeUndefined();
  });
});
