import { lastValueFrom } from 'rxjs';
import type { ChatModel, ChatRequest, Usage } from '../../lib/core';
import { AnthropicChatModel } from '../../lib/providers/anthropic';
import { GroqChatModel } from '../../lib/providers/groq';
import { OpenAIChatModel, OpenAIEmbeddingModel } from '../../lib/providers/openai';
import { OpenAICompatibleChatModel } from '../../lib/providers/openai-compatible';
import { OpenAIResponsesChatModel } from '../../lib/providers/openai-responses';
import { XaiChatModel } from '../../lib/providers/xai';
import { collectStream } from '../../lib/streaming/collect-stream';
import { useReplayServer } from '../support/replay-server';

/**
 * Every provider's wire mapping, JSON and stream, against a server that reports impossible usage:
 * -1e12 tokens (which once drove CostTracker's spent dollars negative and opened every budget)
 * and 1e999 (JSON for Infinity). NaN cannot be written in JSON; the mapper specs cover it.
 */
const ASK: ChatRequest = { messages: [{ role: 'user', content: 'Hi' }] };
const ZERO: Usage = { inputTokens: 0, outputTokens: 0, totalTokens: 0 };
const KEY = 'sk-test-key-1234567890';
const sse = (payloads: readonly string[], done = true): string =>
  payloads.map((p) => `data: ${p}\n\n`).join('') + (done ? 'data: [DONE]\n\n' : '');

/** One wire dialect: the bodies for a usage literal (raw JSON text, so `1e999` stays Infinity). */
interface Dialect {
  readonly name: string;
  readonly json: (tokens: string) => string;
  readonly stream: (tokens: string) => string;
}

const chatCompletions: Dialect = {
  name: 'Chat Completions',
  json: (t) =>
    `{"id":"c1","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"Hi"},` +
    `"finish_reason":"stop"}],"usage":{"prompt_tokens":${t},"completion_tokens":${t},` +
    `"total_tokens":${t},"prompt_tokens_details":{"cached_tokens":${t}},` +
    `"completion_tokens_details":{"reasoning_tokens":${t}}}}`,
  stream: (t) =>
    sse([
      '{"id":"c1","model":"m","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}',
      '{"id":"c1","model":"m","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}',
      `{"id":"c1","model":"m","choices":[],"usage":{"prompt_tokens":${t},"completion_tokens":${t},` +
        `"total_tokens":${t},"completion_tokens_details":{"reasoning_tokens":${t}}}}`,
    ]),
};

const responses: Dialect = {
  name: 'Responses API',
  json: (t) =>
    `{"id":"r1","object":"response","model":"m","status":"completed","output":[{"type":"message",` +
    `"role":"assistant","content":[{"type":"output_text","text":"Hi"}]}],"usage":{"input_tokens":${t},` +
    `"output_tokens":${t},"total_tokens":${t},"output_tokens_details":{"reasoning_tokens":${t}}}}`,
  stream: (t) =>
    sse(
      [
        '{"type":"response.created","response":{"id":"r1","model":"m"}}',
        '{"type":"response.output_text.delta","delta":"Hi"}',
        `{"type":"response.completed","response":{"id":"r1","status":"completed",` +
          `"usage":{"input_tokens":${t},"output_tokens":${t},"total_tokens":${t}}}}`,
      ],
      false,
    ),
};

const messages: Dialect = {
  name: 'Messages API',
  json: (t) =>
    `{"id":"msg_1","type":"message","role":"assistant","model":"m","content":[{"type":"text",` +
    `"text":"Hi"}],"stop_reason":"end_turn","usage":{"input_tokens":${t},` +
    `"cache_read_input_tokens":${t},"output_tokens":${t}}}`,
  stream: (t) =>
    sse(
      [
        `{"type":"message_start","message":{"id":"msg_1","model":"m","usage":{"input_tokens":${t},"output_tokens":1}}}`,
        '{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}',
        '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}',
        '{"type":"content_block_stop","index":0}',
        `{"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":${t}}}`,
        '{"type":"message_stop"}',
      ],
      false,
    ),
};

const providers: readonly [string, Dialect, (baseUrl: string) => ChatModel][] = [
  [
    'openai',
    chatCompletions,
    (baseUrl) => new OpenAIChatModel({ model: 'gpt-4o-mini', apiKey: KEY, baseUrl }),
  ],
  [
    'ollama',
    chatCompletions,
    (baseUrl) =>
      new OpenAICompatibleChatModel({ providerName: 'ollama', model: 'llama3.2', baseUrl }),
  ],
  [
    'groq',
    chatCompletions,
    (baseUrl) => new GroqChatModel({ model: 'openai/gpt-oss-120b', apiKey: KEY, baseUrl }),
  ],
  [
    'xai',
    chatCompletions,
    (baseUrl) => new XaiChatModel({ model: 'grok-3-mini', apiKey: KEY, baseUrl }),
  ],
  [
    'xai',
    responses,
    (baseUrl) => new XaiChatModel({ model: 'grok-3-mini', apiKey: KEY, baseUrl, api: 'responses' }),
  ],
  [
    'openai',
    responses,
    (baseUrl) => new OpenAIResponsesChatModel({ model: 'gpt-5', apiKey: KEY, baseUrl }),
  ],
  [
    'anthropic',
    messages,
    (baseUrl) => new AnthropicChatModel({ model: 'claude-sonnet-4-5', apiKey: KEY, baseUrl }),
  ],
];

describe('impossible usage from any provider', () => {
  const replay = useReplayServer();
  let emitWarning: jest.SpyInstance;
  beforeEach(() => {
    emitWarning = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
  });
  afterEach(() => emitWarning.mockRestore());

  const expectWarned = (provider: string) =>
    expect(emitWarning).toHaveBeenCalledWith(
      expect.stringMatching(new RegExp(`^${provider} reported impossible token counts`)),
      { code: 'CONDUIT_INVALID_USAGE' },
    );

  describe.each(
    providers.map(
      ([name, dialect, make]) => [`${name} over the ${dialect.name}`, name, dialect, make] as const,
    ),
  )('%s', (_, provider, dialect, make) => {
    it.each(['-1e12', '1e999'])(
      'counts %s tokens in a JSON reply as 0, with a warning',
      async (t) => {
        replay.server.enqueue({
          body: dialect.json(t),
          headers: { 'content-type': 'application/json' },
        });
        const response = await make(replay.server.baseUrl).chat(ASK);
        expect(response.text).toBe('Hi');
        expect(response.usage).toEqual(ZERO);
        expectWarned(provider);
      },
    );

    it.each(['-1e12', '1e999'])('counts %s tokens in a stream as 0, with a warning', async (t) => {
      replay.server.enqueue({
        body: dialect.stream(t),
        headers: { 'content-type': 'text/event-stream' },
      });
      const response = await lastValueFrom(
        make(replay.server.baseUrl).stream(ASK).pipe(collectStream()),
      );
      expect(response.text).toBe('Hi');
      expect(response.usage).toMatchObject(ZERO);
      expectWarned(provider);
    });
  });

  it.each(['-1e12', '1e999'])('counts %s embedding tokens as 0, with a warning', async (t) => {
    replay.server.enqueue({
      body:
        '{"object":"list","model":"text-embedding-3-small","data":[{"object":"embedding","index":0,' +
        `"embedding":[0.5,0.25]}],"usage":{"prompt_tokens":${t},"total_tokens":${t}}}`,
      headers: { 'content-type': 'application/json' },
    });
    const model = new OpenAIEmbeddingModel({
      model: 'text-embedding-3-small',
      apiKey: KEY,
      baseUrl: replay.server.baseUrl,
    });
    const result = await model.embed({ texts: ['Hi'] });
    expect(result.usage).toEqual({ inputTokens: 0 });
    expectWarned('openai');
  });
});
