import { createOpenAICompatible as createV3 } from '@ai-sdk/openai-compatible';
import { Test, type TestingModule } from '@nestjs/testing';
import { createOpenAICompatible as createV2 } from 'ai-sdk-openai-compatible-v1';
import { inspect } from 'node:util';
import { lastValueFrom, take, toArray } from 'rxjs';
import {
  AuthenticationError,
  ChatService,
  ConduitModule,
  ConnectionError,
  ContextLengthExceededError,
  OpenAIChatModel,
  OpenAIEmbeddingModel,
  RateLimitError,
  ServerError,
  collectStream,
  fromAiSdk,
  fromAiSdkEmbedding,
  type ChatModel,
  type ChatRequest,
  type ChatResponse,
  type EmbeddingModel,
  type Message,
} from '../../lib';
import { ReplayServer, useReplayServer } from '../support/replay-server';

/**
 * The adapter over real AI SDK provider code: `@ai-sdk/openai-compatible` 2.x (spec V3) and 1.x
 * (spec V2, installed as `ai-sdk-openai-compatible-v1`) talk HTTP to a local server replaying
 * recorded OpenAI answers; what comes out of the adapter is compared with what our native
 * OpenAIChatModel makes of the very same bytes.
 */
const KEY = 'sk-proj-ai-sdk-e2e-0123456789abcdef';

const versions = [
  {
    spec: 'v3',
    chat: (baseURL: string, key = KEY) =>
      createV3({ name: 'openai', baseURL, apiKey: key, includeUsage: true }).chatModel('gpt-4o'),
    embedding: (baseURL: string) =>
      createV3({ name: 'openai', baseURL, apiKey: KEY }).embeddingModel('text-embedding-3-small'),
  },
  {
    spec: 'v2',
    chat: (baseURL: string, key = KEY) =>
      createV2({ name: 'openai', baseURL, apiKey: key, includeUsage: true }).chatModel('gpt-4o'),
    embedding: (baseURL: string) =>
      createV2({ name: 'openai', baseURL, apiKey: KEY }).textEmbeddingModel(
        'text-embedding-3-small',
      ),
  },
] as const;

const weatherTool = {
  name: 'get_weather',
  description: 'Weather by city',
  parameters: {
    type: 'object',
    properties: { location: { type: 'string' } },
    required: ['location'],
  },
} as const;

/**
 * The fields both paths must agree on (ids, text, tool calls, finish reason, token counts). Spec
 * V2 carries no raw finish reason: its unified one stands in (`tool-calls`), so it is left out.
 */
function essentials(response: ChatResponse, spec: 'v2' | 'v3' = 'v3'): unknown {
  const { rawFinishReason } = response;
  return {
    id: response.id,
    model: response.model,
    text: response.text,
    toolCalls: response.toolCalls,
    finishReason: response.finishReason,
    ...(spec === 'v3' && { rawFinishReason }),
    inputTokens: response.usage.inputTokens,
    outputTokens: response.usage.outputTokens,
    totalTokens: response.usage.totalTokens,
  };
}

describe.each(versions)('fromAiSdk over @ai-sdk/openai-compatible (spec $spec)', (version) => {
  const replay = useReplayServer();
  let adapter: ChatModel;
  let native: ChatModel;
  const request: ChatRequest = { messages: [{ role: 'user', content: 'Hello' }] };

  beforeEach(() => {
    const model = version.chat(replay.server.baseUrl);
    expect(model.specificationVersion).toBe(version.spec);
    adapter = fromAiSdk(model);
    native = new OpenAIChatModel({ model: 'gpt-4o', apiKey: KEY, baseUrl: replay.server.baseUrl });
  });

  async function both<T>(fixture: string, call: (model: ChatModel) => Promise<T>): Promise<[T, T]> {
    replay.server.enqueue({ fixture }, { fixture });
    return [await call(adapter), await call(native)];
  }

  it('answers a recorded text completion as the native model does', async () => {
    const [ours, theirs] = await both('openai/chat-text.json', (model) => model.chat(request));
    expect(essentials(ours, version.spec)).toEqual(essentials(theirs, version.spec));
    expect(ours.text).toBe('\\(4200 + 42 = 4242\\).');
    expect(adapter.info()).toMatchObject({ provider: 'openai', modelId: 'gpt-4o' });
    // The AI SDK model (its settings hold the key) stays out of what a logger prints.
    expect(inspect(adapter, { depth: 10 })).not.toContain(KEY);
  });

  it('returns recorded parallel tool calls with parsed arguments as the native model does', async () => {
    const [ours, theirs] = await both('openai/chat-tool-calls-parallel.json', (model) =>
      model.chat({ ...request, tools: [weatherTool] }),
    );
    expect(ours.toolCalls.length).toBeGreaterThan(1);
    expect(essentials(ours, version.spec)).toEqual(essentials(theirs, version.spec));
    expect(ours.finishReason).toBe('tool_calls');
    expect(ours.rawFinishReason).toBe(version.spec === 'v3' ? 'tool_calls' : 'tool-calls');
  });

  it('streams recorded tool calls, cut into 1-byte writes, into the native answer', async () => {
    const fixture = 'openai/chat-tool-calls-parallel.stream.txt';
    replay.server.enqueue({ fixture, chunkSize: 1 }, { fixture });
    const collect = (model: ChatModel): Promise<ChatResponse> =>
      lastValueFrom(model.stream({ ...request, tools: [weatherTool] }).pipe(collectStream()));
    const ours = await collect(adapter);
    const theirs = await collect(native);
    expect(ours.toolCalls.length).toBeGreaterThan(1);
    expect(essentials(ours, version.spec)).toEqual(essentials(theirs, version.spec));
    const events = await lastValueFrom(
      (replay.server.enqueue({ fixture }), adapter.stream(request)).pipe(toArray()),
    );
    expect(events[0]?.type).toBe('start');
    expect(events.at(-1)?.type).toBe('finish');
    expect(events.filter((event) => event.type === 'tool-call-start').length).toBe(
      ours.toolCalls.length,
    );
  });

  it('puts messages, tool results, tools and settings on the wire', async () => {
    replay.server.enqueue({ fixture: 'openai/chat-text.json' });
    const messages: Message[] = [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Weather in Paris?' },
      {
        role: 'assistant',
        content: '',
        toolCalls: [
          {
            id: 'call_1',
            name: 'get_weather',
            arguments: { location: 'Paris' },
            rawArguments: '{"location":"Paris"}',
          },
        ],
      },
      { role: 'tool', toolCallId: 'call_1', toolName: 'get_weather', content: '18 C' },
    ];
    await adapter.chat({
      messages,
      tools: [weatherTool],
      toolChoice: 'required',
      maxTokens: 50,
      temperature: 0.3,
      stop: ['END'],
      seed: 1,
      headers: { 'x-trace-id': 'trace-1' },
    });
    const sent = replay.server.requests[0];
    expect(sent?.path).toBe('/v1/chat/completions');
    expect(sent?.headers['x-trace-id']).toBe('trace-1');
    expect(sent?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(sent?.body).toMatchObject({
      model: 'gpt-4o',
      max_tokens: 50,
      temperature: 0.3,
      stop: ['END'],
      seed: 1,
      tool_choice: 'required',
      tools: [
        { type: 'function', function: { name: 'get_weather', parameters: weatherTool.parameters } },
      ],
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Weather in Paris?' },
        {
          role: 'assistant',
          tool_calls: [
            {
              id: 'call_1',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"location":"Paris"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: '18 C' },
      ],
    });
  });

  it('maps the recorded 401 to AuthenticationError without the key', async () => {
    replay.server.enqueue({ fixture: 'openai/error-invalid-api-key.401.json' });
    const error: unknown = await adapter.chat(request).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, code: 'invalid_api_key', isRetryable: false });
    expect(inspect(error, { depth: 8 })).not.toContain(KEY);
  });

  it('maps a 429 with retry-after to RateLimitError with the wait', async () => {
    replay.server.enqueue({
      status: 429,
      headers: { 'retry-after': '2', 'x-request-id': 'req_429' },
      body: JSON.stringify({
        error: { message: 'Rate limit reached', code: 'rate_limit_exceeded' },
      }),
    });
    const error: unknown = await adapter.chat(request).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ retryAfterMs: 2000, requestId: 'req_429', isRetryable: true });
  });

  it('maps context-length and server errors, in chat and in stream', async () => {
    const tooLong = JSON.stringify({
      error: {
        message: "This model's maximum context length is 128000 tokens.",
        code: 'context_length_exceeded',
      },
    });
    replay.server.enqueue(
      { status: 400, body: tooLong },
      { status: 400, body: tooLong },
      { status: 503, body: '{"error":{"message":"overloaded"}}' },
    );
    await expect(adapter.chat(request)).rejects.toBeInstanceOf(ContextLengthExceededError);
    await expect(lastValueFrom(adapter.stream(request))).rejects.toBeInstanceOf(
      ContextLengthExceededError,
    );
    await expect(adapter.chat(request)).rejects.toBeInstanceOf(ServerError);
  });

  it('a refused connection is a retryable ConnectionError', async () => {
    const refused = fromAiSdk(version.chat(await ReplayServer.refusedUrl()));
    const error: unknown = await refused.chat(request).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ isRetryable: true });
  });

  it('unsubscribing closes the HTTP request of the AI SDK provider', async () => {
    replay.server.enqueue({ fixture: 'openai/chat-text.stream.txt', pauseAfterBytes: 1019 });
    const closed = replay.server.waitForClientClose();
    const firstTwo = await lastValueFrom(adapter.stream(request).pipe(take(2), toArray()));
    expect(firstTwo.map((event) => event.type)).toEqual(['start', 'text-delta']);
    expect((await closed).path).toBe('/v1/chat/completions');
  });

  it('embeds through fromAiSdkEmbedding as OpenAIEmbeddingModel does', async () => {
    const fixture = 'openai/embeddings.json';
    replay.server.enqueue({ fixture }, { fixture });
    const ours: EmbeddingModel = fromAiSdkEmbedding(version.embedding(replay.server.baseUrl));
    const theirs = new OpenAIEmbeddingModel({
      model: 'text-embedding-3-small',
      apiKey: KEY,
      baseUrl: replay.server.baseUrl,
      encodingFormat: 'float',
    });
    const texts = ['a', 'b'];
    const [a, b] = [await ours.embed({ texts }), await theirs.embed({ texts })];
    expect(a.embeddings.length).toBeGreaterThan(0);
    expect(a.embeddings).toEqual(b.embeddings);
    expect(a.usage.inputTokens).toBe(b.usage.inputTokens);
  });
});

describe('fromAiSdk in ConduitModule.forRoot', () => {
  const replay = useReplayServer();
  let moduleRef: TestingModule | undefined;

  afterEach(async () => {
    await moduleRef?.close();
  });

  it('serves chat, stream and embed through ChatService', async () => {
    const provider = createV3({
      name: 'openai',
      baseURL: replay.server.baseUrl,
      apiKey: KEY,
      includeUsage: true,
    });
    moduleRef = await Test.createTestingModule({
      imports: [
        ConduitModule.forRoot({
          models: { default: fromAiSdk(provider.chatModel('gpt-4o')) },
          embeddingModels: {
            default: fromAiSdkEmbedding(provider.embeddingModel('text-embedding-3-small')),
          },
        }),
      ],
    }).compile();
    const chat = moduleRef.get(ChatService);
    replay.server.enqueue(
      { fixture: 'openai/chat-text.json' },
      { fixture: 'openai/chat-text.stream.txt', chunkSize: 37 },
      { fixture: 'openai/embeddings.json' },
    );
    expect((await chat.chat('What is 4200 + 42?')).text).toBe('\\(4200 + 42 = 4242\\).');
    const streamed = await lastValueFrom(chat.stream('Pick a number').pipe(collectStream()));
    expect(streamed.text.length).toBeGreaterThan(0);
    expect(streamed.usage.totalTokens).toBe(26);
    const embedded = await chat.embed(['a', 'b']);
    expect(embedded.embeddings.length).toBeGreaterThan(0);
  });
});
