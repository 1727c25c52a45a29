import { lastValueFrom } from 'rxjs';
import {
  AbortedError,
  AuthenticationError,
  InvalidRequestError,
  NotFoundError,
  RateLimitError,
  ServerError,
  TimeoutError,
  type ChatRequest,
  type Message,
  type ToolDefinition,
} from '../../core';
import { readFixtureJson } from '../../../test/support/fixtures';
import { ReplayServer, type ReplayScript } from '../../../test/support/replay-server';
import { collectStream } from '../../streaming/collect-stream';
import { AnthropicChatModel } from './anthropic-chat-model';
import type { AnthropicChatModelSettings } from './anthropic-settings.types';

const request: ChatRequest = { messages: [{ role: 'user', content: 'Hello' }] };
const NO_CACHE = { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 };

/** The server of the current test (the last one started). */
let server: ReplayServer;
const started: ReplayServer[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
});

async function startServer(scripts: ReplayScript | readonly ReplayScript[]): Promise<ReplayServer> {
  server = await ReplayServer.start(scripts);
  started.push(server);
  return server;
}

async function modelFor(
  scripts: ReplayScript | readonly ReplayScript[],
  settings: Partial<AnthropicChatModelSettings> = {},
): Promise<AnthropicChatModel> {
  await startServer(scripts);
  return new AnthropicChatModel({
    model: 'claude-sonnet-4-20250514',
    apiKey: 'sk-ant-test-key',
    baseUrl: server.baseUrl,
    ...settings,
  });
}

describe('AnthropicChatModel.chat() on the recorded answers', () => {
  it('maps a text answer (messages-text.json)', async () => {
    const model = await modelFor({ fixture: 'anthropic/messages-text.json' });
    expect(await model.chat(request)).toEqual({
      id: 'msg_01EXuhhFC9buDpjCcznFPSDs',
      model: 'claude-sonnet-4-20250514',
      text: '4200 + 42 = 4242',
      content: [{ type: 'text', text: '4200 + 42 = 4242' }],
      toolCalls: [],
      finishReason: 'stop',
      rawFinishReason: 'end_turn',
      usage: {
        inputTokens: 17,
        outputTokens: 15,
        totalTokens: 32,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
      },
      message: { role: 'assistant', content: '4200 + 42 = 4242' },
      warnings: [],
      providerMetadata: { anthropic: { cacheCreation: NO_CACHE, serviceTier: 'standard' } },
    });
  });

  it('maps parallel tool calls with their parsed input (messages-tool-use-parallel.json)', async () => {
    const model = await modelFor({ fixture: 'anthropic/messages-tool-use-parallel.json' });
    const response = await model.chat(request);
    expect(response.toolCalls).toEqual([
      {
        id: 'toolu_01BUvqBj8Yb34pNAbCJJY1oc',
        name: 'secret_retrieval_tool',
        arguments: { password: 'mellon' },
        rawArguments: '{"password":"mellon"}',
      },
      {
        id: 'toolu_01VPuQJ1LonDBYXrr8pqPkqQ',
        name: 'secret_retrieval_tool',
        arguments: { password: 'radiance' },
        rawArguments: '{"password":"radiance"}',
      },
    ]);
    expect(response).toMatchObject({
      text: "I'll retrieve the secrets for both passwords you provided.",
      finishReason: 'tool_calls',
      rawFinishReason: 'tool_use',
      usage: { inputTokens: 416, outputTokens: 109, totalTokens: 525 },
    });
    expect(response.message.toolCalls).toEqual(response.toolCalls);
  });

  it('maps a thinking block with its signature before the text (messages-thinking.json)', async () => {
    const fixture = readFixtureJson<{ content: { thinking?: string; signature?: string }[] }>(
      'anthropic/messages-thinking.json',
    );
    const model = await modelFor({ fixture: 'anthropic/messages-thinking.json' });
    const response = await model.chat(request);
    const content = [
      {
        type: 'reasoning',
        text: fixture.content[0]?.thinking,
        signature: fixture.content[0]?.signature,
      },
      { type: 'text', text: 'The primes were: 79, 179, and 379.' },
    ];
    expect(response.content).toEqual(content);
    expect(response.content[0]).toMatchObject({
      text: expect.stringMatching(/^I need to think about primes below 400/),
    });
    expect(response.text).toBe('The primes were: 79, 179, and 379.');
    expect(response.message).toEqual({ role: 'assistant', content });
  });

  it('counts cache reads and writes into the prompt tokens (messages-cache-read.json)', async () => {
    const model = await modelFor({ fixture: 'anthropic/messages-cache-read.json' });
    const response = await model.chat(request);
    expect(response.usage).toEqual({
      inputTokens: 5198,
      outputTokens: 350,
      totalTokens: 5548,
      cacheReadTokens: 4597,
      cacheWriteTokens: 598,
    });
    expect(response.providerMetadata).toEqual({
      anthropic: {
        cacheCreation: { ephemeral_5m_input_tokens: 598, ephemeral_1h_input_tokens: 0 },
        serviceTier: 'standard',
      },
    });
  });

  it('reports which stop sequence matched (messages-stop-sequence.json)', async () => {
    const model = await modelFor({ fixture: 'anthropic/messages-stop-sequence.json' });
    const response = await model.chat({ ...request, stop: ['4242'] });
    expect(server.requests[0]?.body).toMatchObject({ stop_sequences: ['4242'] });
    expect(response).toMatchObject({
      text: '4200 + 42 = ',
      finishReason: 'stop',
      rawFinishReason: 'stop_sequence',
      providerMetadata: { anthropic: { stopSequence: '4242' } },
    });
  });

  it('agrees with the streamed answer of the same prompt (messages-text / messages-tool-use-parallel)', async () => {
    for (const name of ['messages-text', 'messages-tool-use-parallel']) {
      const model = await modelFor([
        { fixture: `anthropic/${name}.json` },
        { fixture: `anthropic/${name}.stream.txt` },
      ]);
      const plain = await model.chat(request);
      const streamed = await lastValueFrom(model.stream(request).pipe(collectStream()));
      // Two recordings of the same prompt: equal apart from the ids the API generated.
      const shape = (r: typeof plain) => ({
        ...r,
        id: '',
        toolCalls: r.toolCalls.map((c) => ({ name: c.name, arguments: c.arguments })),
        message: { ...r.message, toolCalls: undefined },
      });
      expect(shape(streamed)).toEqual(shape(plain));
    }
  });
});

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
    const model = await modelFor([
      { fixture },
      { fixture, headers: { 'x-should-retry': 'false' } },
    ]);
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
    const model = await modelFor({ status: 529, body, headers: { 'request-id': 'req_529' } });
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
      const model = await modelFor([
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
    const model = await modelFor({ body: '{"type":"something_else"}' });
    await expect(model.chat(request)).rejects.toMatchObject({ name: 'InvalidResponseError' });
  });

  it('rejects malformed provider options before any request', async () => {
    const model = await modelFor([]);
    const bad = { ...request, providerOptions: { anthropic: { cacheControl: { messages: [9] } } } };
    await expect(model.chat(bad)).rejects.toMatchObject({ name: 'ConduitValidationError' });
    await expect(lastValueFrom(model.stream(bad))).rejects.toMatchObject({
      name: 'ConduitValidationError',
    });
    expect(server.requests).toHaveLength(0);
  });
});

describe('AnthropicChatModel requests', () => {
  it('posts to <baseUrl>/messages with the key, version, betas and custom headers', async () => {
    const model = await modelFor(
      { fixture: 'anthropic/messages-text.json' },
      {
        betas: ['prompt-caching-2024-07-31', 'output-128k-2025-02-19'],
        headers: { 'x-team': 'a', 'x-over': 'model' },
      },
    );
    await model.chat({ ...request, headers: { 'x-over': 'call' } });
    const sent = server.requests[0];
    expect(sent?.method).toBe('POST');
    expect(sent?.path).toBe('/v1/messages');
    expect(sent?.headers).toMatchObject({
      'x-api-key': 'sk-ant-test-key',
      'anthropic-version': '2023-06-01',
      'anthropic-beta': 'prompt-caching-2024-07-31,output-128k-2025-02-19',
      'content-type': 'application/json',
      'x-team': 'a',
      'x-over': 'call',
    });
    expect(sent?.headers).not.toHaveProperty('authorization');
    expect(sent?.body).toEqual({
      model: 'claude-sonnet-4-20250514',
      max_tokens: 16_000,
      messages: [{ role: 'user', content: 'Hello' }],
    });
  });

  it('sends its own anthropic-version, no beta header without betas and no key when none is set', async () => {
    await startServer({ fixture: 'anthropic/messages-text.json' });
    const model = new AnthropicChatModel({
      model: 'claude-sonnet-4-5',
      baseUrl: `${server.baseUrl}/`,
      anthropicVersion: '2099-01-01',
      defaultMaxTokens: 99,
    });
    await model.chat(request);
    expect(server.requests[0]?.path).toBe('/v1/messages');
    expect(server.requests[0]?.headers['anthropic-version']).toBe('2099-01-01');
    expect(server.requests[0]?.headers).not.toHaveProperty('x-api-key');
    expect(server.requests[0]?.headers).not.toHaveProperty('anthropic-beta');
    expect(server.requests[0]?.body).toMatchObject({ max_tokens: 99 });
  });

  it('sends stream: true and accepts text/event-stream when streaming', async () => {
    const model = await modelFor({ fixture: 'anthropic/messages-text.stream.txt' });
    await lastValueFrom(model.stream(request));
    expect(server.requests[0]?.body).toMatchObject({ stream: true });
    expect(server.requests[0]?.headers['accept']).toBe('text/event-stream');
  });

  it('rejects a base URL that is not a URL at construction', () => {
    expect(
      () => new AnthropicChatModel({ model: 'claude-sonnet-4-5', baseUrl: 'not a url' }),
    ).toThrow();
  });

  it('describes itself from the model catalogue', async () => {
    const model = await modelFor([], { model: 'claude-sonnet-4-5-20250929' });
    expect(model.specificationVersion).toBe('v1');
    expect(model.info()).toMatchObject({
      provider: 'anthropic',
      modelId: 'claude-sonnet-4-5-20250929',
      capabilities: { tools: true, reasoning: true, vision: true },
      pricing: { inputPerMillion: 3, outputPerMillion: 15 },
    });
    const custom = await modelFor([], { model: 'my-claude-proxy', capabilities: { vision: true } });
    expect(custom.info().capabilities.vision).toBe(true);
  });
});

describe('AnthropicChatModel in a tool loop', () => {
  const secretTool: ToolDefinition = {
    name: 'secret_retrieval_tool',
    description: 'A tool that requires a password to retrieve a secret.',
    parameters: {
      properties: { password: { title: 'Password', type: 'string' } },
      required: ['password'],
      additionalProperties: false,
      type: 'object',
    },
    cacheControl: { type: 'ephemeral' },
  };

  /** The recorded request without its `"cache_control": null` (an unset breakpoint we do not send). */
  function recordedFollowup(): unknown {
    return JSON.parse(
      JSON.stringify(readFixtureJson('anthropic/messages-tool-result-followup.request.json')),
      (key, value: unknown) => (key === 'cache_control' && value === null ? undefined : value),
    );
  }

  it('sends the second turn exactly as recorded (messages-tool-result-followup.request.json)', async () => {
    const model = await modelFor(
      [
        { fixture: 'anthropic/messages-tool-use-parallel.stream.txt' },
        { fixture: 'anthropic/messages-tool-result-followup.stream.txt' },
      ],
      { model: 'claude-sonnet-4-0', defaultMaxTokens: 16_000 },
    );
    const conversation: Message[] = [
      {
        role: 'system',
        content: 'Use parallel tool calling.',
        cacheControl: { type: 'ephemeral' },
      },
      {
        role: 'user',
        content:
          'Please retrieve the secrets associated with each of these passwords: mellon,radiance',
      },
    ];
    const first = await lastValueFrom(
      model.stream({ messages: conversation, tools: [secretTool] }).pipe(collectStream()),
    );
    expect(first.toolCalls.map((c) => c.id)).toEqual([
      'toolu_015cUijgET79LXjgeYQerN2h',
      'toolu_01XZTimPexA7h3EVKesnKt5T',
    ]);

    const secrets: Record<string, string> = {
      mellon: 'Welcome to Moria!',
      radiance: 'Life before Death',
    };
    const results: Message[] = first.toolCalls.map((call, i) => ({
      role: 'tool',
      toolCallId: call.id,
      toolName: call.name,
      content: secrets[call.arguments['password'] as string],
      ...(i === first.toolCalls.length - 1 && { cacheControl: { type: 'ephemeral' as const } }),
    }));
    const second = await lastValueFrom(
      model
        .stream({ messages: [...conversation, first.message, ...results], tools: [secretTool] })
        .pipe(collectStream()),
    );

    expect(server.requests[1]?.body).toEqual(recordedFollowup());
    expect(second.text).toContain('"Life before Death"');
    expect(second.finishReason).toBe('stop');
  });

  it('passes thinking back unmodified, with its signature, on the next turn', async () => {
    const model = await modelFor(
      [
        { fixture: 'anthropic/messages-thinking-tool-use.stream.txt' },
        { fixture: 'anthropic/messages-text.json' },
      ],
      { model: 'claude-haiku-4-5', thinking: { type: 'enabled', budgetTokens: 1024 } },
    );
    const ask: Message = { role: 'user', content: 'Use fixed_version, then joke about it' };
    const tool: ToolDefinition = {
      name: 'fixed_version',
      parameters: { type: 'object', properties: {} },
    };
    const first = await lastValueFrom(
      model.stream({ messages: [ask], tools: [tool] }).pipe(collectStream()),
    );
    const call = first.toolCalls[0];
    await model.chat({
      messages: [ask, first.message, { role: 'tool', toolCallId: call.id, content: '1.2.3' }],
      tools: [tool],
    });
    const reasoning = first.content[0];
    expect(reasoning.type).toBe('reasoning');
    expect(server.requests[1]?.body).toMatchObject({
      thinking: { type: 'enabled', budget_tokens: 1024 },
      max_tokens: 16_000 + 1024,
      messages: [
        { role: 'user', content: 'Use fixed_version, then joke about it' },
        {
          role: 'assistant',
          content: [
            {
              type: 'thinking',
              thinking: reasoning.text,
              signature: reasoning.type === 'reasoning' ? reasoning.signature : undefined,
            },
            {
              type: 'tool_use',
              id: 'toolu_01825dXWLSoJwCst1qTsiWdb',
              name: 'fixed_version',
              input: {},
            },
          ],
        },
        {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              tool_use_id: 'toolu_01825dXWLSoJwCst1qTsiWdb',
              content: '1.2.3',
            },
          ],
        },
      ],
    });
  });

  it('passes redacted thinking back as redacted_thinking blocks', async () => {
    const model = await modelFor([
      { fixture: 'anthropic/messages-redacted-thinking.stream.txt' },
      { fixture: 'anthropic/messages-text.json' },
    ]);
    const first = await lastValueFrom(model.stream(request).pipe(collectStream()));
    await model.chat({
      messages: [...request.messages, first.message, { role: 'user', content: 'Go on' }],
    });
    const assistant = (server.requests[1]?.body as { messages: { content: { type: string }[] }[] })
      .messages[1];
    expect(assistant.content.map((b) => b.type)).toEqual([
      'redacted_thinking',
      'redacted_thinking',
      'text',
    ]);
    expect(assistant.content[0]).toEqual({
      type: 'redacted_thinking',
      data: (first.content[0] as { redactedData: string }).redactedData,
    });
  });
});

describe('AnthropicChatModel cancellation', () => {
  it('closes the connection when the stream is unsubscribed mid-answer', async () => {
    const model = await modelFor({
      fixture: 'anthropic/messages-thinking.stream.txt',
      pauseAfterBytes: 800,
    });
    const subscription = model.stream(request).subscribe({ error: () => undefined });
    // The first event (start) is in the first 800 bytes; wait for the request, then leave.
    await server.waitForRequest();
    subscription.unsubscribe();
    const closed = await server.waitForClientClose();
    expect(closed.path).toBe('/v1/messages');
  });

  it('rejects chat() with AbortedError when the caller aborts, and closes the connection', async () => {
    const model = await modelFor({ fixture: 'anthropic/messages-text.json', pauseAfterBytes: 10 });
    const controller = new AbortController();
    const pending = model.chat({ ...request, signal: controller.signal });
    await server.waitForRequest();
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(AbortedError);
    await server.waitForClientClose();
  });

  it('fails the stream with the TimeoutError a caller aborted with', async () => {
    const model = await modelFor({
      fixture: 'anthropic/messages-text.stream.txt',
      pauseAfterBytes: 100,
    });
    const controller = new AbortController();
    const failure = lastValueFrom(model.stream({ ...request, signal: controller.signal })).catch(
      (e: unknown) => e,
    );
    await server.waitForRequest();
    const timeout = new TimeoutError(5000);
    controller.abort(timeout);
    expect(await failure).toBe(timeout);
  });
});
