import { lastValueFrom, toArray } from 'rxjs';
import {
  ConduitValidationError,
  type ChatRequest,
  type Message,
  type ToolDefinition,
} from '../../core';
import { readFixtureJson } from '../../../test/support/fixtures';
import { useReplayServer } from '../../../test/support/replay-server';
import { collectStream } from '../../streaming/collect-stream';
import { OpenAIChatModel } from './openai-chat-model';
import { mapOpenAIResponse } from './map-openai-response';

const KEY = 'sk-proj-secret-key-0123456789';
const request: ChatRequest = { messages: [{ role: 'user', content: 'Hello' }] };

describe('OpenAIChatModel', () => {
  const replay = useReplayServer();
  let model: OpenAIChatModel;

  beforeEach(() => {
    model = new OpenAIChatModel({ model: 'gpt-4o', apiKey: KEY, baseUrl: replay.server.baseUrl });
  });

  describe('chat() replaying recorded answers', () => {
    it('maps a text answer (chat-text.json)', async () => {
      replay.server.enqueue({ fixture: 'openai/chat-text.json' });
      const answer = await model.chat(request);
      expect(answer).toEqual({
        id: 'chatcmpl-CRkJFgcA6BuMrBur38ZHUXgT6zRjg',
        model: 'gpt-4o-2024-08-06',
        text: '\\(4200 + 42 = 4242\\).',
        content: [{ type: 'text', text: '\\(4200 + 42 = 4242\\).' }],
        toolCalls: [],
        finishReason: 'stop',
        rawFinishReason: 'stop',
        usage: {
          inputTokens: 16,
          outputTokens: 12,
          totalTokens: 28,
          cacheReadTokens: 0,
          reasoningTokens: 0,
        },
        message: { role: 'assistant', content: '\\(4200 + 42 = 4242\\).' },
        warnings: [],
        providerMetadata: {
          openai: { systemFingerprint: 'fp_f64f290af2', serviceTier: 'default' },
        },
      });
      expect(answer.refusal).toBeUndefined();
    });

    it('maps parallel tool calls with parsed arguments (chat-tool-calls-parallel.json)', async () => {
      replay.server.enqueue({ fixture: 'openai/chat-tool-calls-parallel.json' });
      const answer = await model.chat(request);
      const calls = [
        {
          id: 'call_v6LacIrChvs6ITVpIZqy5tFc',
          name: 'secret_retrieval_tool',
          arguments: { password: 'mellon' },
          rawArguments: '{"password": "mellon"}',
        },
        {
          id: 'call_onyWzk4mLTGKzW9cthmf4Llq',
          name: 'secret_retrieval_tool',
          arguments: { password: 'radiance' },
          rawArguments: '{"password": "radiance"}',
        },
      ];
      expect(answer.toolCalls).toEqual(calls);
      expect(answer.finishReason).toBe('tool_calls');
      expect(answer.rawFinishReason).toBe('tool_calls');
      expect(answer.text).toBe('');
      expect(answer.content).toEqual([]);
      expect(answer.message).toEqual({ role: 'assistant', content: '', toolCalls: calls });
      expect(answer.usage).toMatchObject({ inputTokens: 75, outputTokens: 53, totalTokens: 128 });
    });

    it('reports cached prompt tokens (chat-cached-tokens.json)', async () => {
      replay.server.enqueue({ fixture: 'openai/chat-cached-tokens.json' });
      const answer = await model.chat(request);
      expect(answer.usage).toEqual({
        inputTokens: 3897,
        outputTokens: 75,
        totalTokens: 3972,
        cacheReadTokens: 3840,
        reasoningTokens: 0,
      });
      expect(answer.text).toMatch(/^"It’s a trap!"/);
    });

    it('reports reasoning tokens and an empty answer cut by length (chat-reasoning-length.json)', async () => {
      replay.server.enqueue({ fixture: 'openai/chat-reasoning-length.json' });
      const answer = await model.chat(request);
      expect(answer.text).toBe('');
      expect(answer.finishReason).toBe('length');
      expect(answer.rawFinishReason).toBe('length');
      expect(answer.usage).toEqual({
        inputTokens: 13,
        outputTokens: 50,
        totalTokens: 63,
        cacheReadTokens: 0,
        reasoningTokens: 50,
      });
      // `system_fingerprint: null` is left out rather than reported as a value.
      expect(answer.providerMetadata).toEqual({ openai: { serviceTier: 'default' } });
    });
  });

  describe('streamed and non-streamed answers collect to equal responses', () => {
    it('chat-tool-calls-parallel: same tool calls, finish reason and message shape', async () => {
      replay.server.enqueue({
        fixture: 'openai/chat-tool-calls-parallel.stream.txt',
        chunkSize: 5,
      });
      const streamed = await lastValueFrom(model.stream(request).pipe(collectStream()));
      const json = mapOpenAIResponse(
        readFixtureJson('openai/chat-tool-calls-parallel.json'),
        'openai',
      );
      // The two recordings are different calls (ids differ); names, arguments and shape agree.
      const shape = (r: typeof json) => ({
        toolCalls: r.toolCalls.map(({ name, arguments: a, rawArguments }) => ({
          name,
          a,
          rawArguments,
        })),
        finishReason: r.finishReason,
        rawFinishReason: r.rawFinishReason,
        text: r.text,
        content: r.content,
        messageContent: r.message.content,
        messageToolCalls: r.message.toolCalls?.length,
        keys: Object.keys(r).sort(),
      });
      expect(shape(streamed)).toEqual(shape(json));
      expect(streamed.usage).toEqual(json.usage);
    });

    it('a stream built from a JSON answer collects to exactly that answer', async () => {
      // The same answer both ways: chat-text.json replayed as chunks of its own content.
      const body = readFixtureJson<{
        id: string;
        model: string;
        system_fingerprint: string;
        service_tier: string;
        usage: unknown;
        choices: { message: { content: string } }[];
      }>('openai/chat-text.json');
      const base = {
        id: body.id,
        model: body.model,
        system_fingerprint: body.system_fingerprint,
        service_tier: body.service_tier,
      };
      const content = body.choices[0].message.content;
      const chunks = [
        {
          ...base,
          choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }],
          usage: null,
        },
        {
          ...base,
          choices: [{ index: 0, delta: { content: content.slice(0, 7) }, finish_reason: null }],
          usage: null,
        },
        {
          ...base,
          choices: [{ index: 0, delta: { content: content.slice(7) }, finish_reason: null }],
          usage: null,
        },
        { ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }], usage: null },
        { ...base, choices: [], usage: body.usage },
      ];
      replay.server.enqueue({
        body: `${chunks.map((c) => `data: ${JSON.stringify(c)}\n\n`).join('')}data: [DONE]\n\n`,
      });
      const streamed = await lastValueFrom(model.stream(request).pipe(collectStream()));
      expect(streamed).toEqual(mapOpenAIResponse(body, 'openai'));
    });
  });

  describe('requests', () => {
    it('sends the converted tool-result follow-up exactly like the recorded request', async () => {
      const recorded = readFixtureJson<{ messages: unknown; tools: unknown }>(
        'openai/chat-tool-result-followup.request.json',
      );
      const calls = [
        { id: 'call_M26z19sncd7b4LBgzKRRbaUE', password: 'mellon' },
        { id: 'call_KPXe5NX7IcKkaBUhc6dto2QV', password: 'radiance' },
      ];
      const messages: Message[] = [
        { role: 'system', content: 'Use parallel tool calling.' },
        {
          role: 'user',
          content:
            'Please retrieve the secrets associated with each of these passwords: mellon,radiance',
        },
        {
          role: 'assistant',
          content: '',
          toolCalls: calls.map((c) => ({
            id: c.id,
            name: 'secret_retrieval_tool',
            arguments: { password: c.password },
            rawArguments: `{"password": "${c.password}"}`,
          })),
        },
        { role: 'tool', toolCallId: calls[0].id, content: 'Welcome to Moria!' },
        { role: 'tool', toolCallId: calls[1].id, content: 'Life before Death' },
      ];
      const tools: ToolDefinition[] = [
        {
          name: 'secret_retrieval_tool',
          description: 'A tool that requires a password to retrieve a secret.',
          parameters: {
            properties: { password: { title: 'Password', type: 'string' } },
            required: ['password'],
            additionalProperties: false,
            type: 'object',
          },
          strict: false,
        },
      ];
      replay.server.enqueue({ fixture: 'openai/chat-tool-result-followup.stream.txt' });
      const answer = await lastValueFrom(model.stream({ messages, tools }).pipe(collectStream()));
      const sent = replay.server.requests[0].body as Record<string, unknown>;
      expect(sent['messages']).toEqual(recorded.messages);
      expect(sent['tools']).toEqual(recorded.tools);
      expect(sent['stream']).toBe(true);
      expect(sent['stream_options']).toEqual({ include_usage: true });
      expect(answer.text).toContain('Life before Death');
    });

    it('sends Authorization, OpenAI-Organization, OpenAI-Project and custom headers', async () => {
      const custom = new OpenAIChatModel({
        model: 'gpt-4o-mini',
        apiKey: KEY,
        baseUrl: `${replay.server.baseUrl}/`,
        organization: 'org-123',
        project: 'proj_456',
        headers: { 'x-team': 'search', 'x-override': 'settings' },
      });
      replay.server.enqueue({ fixture: 'openai/chat-text.json' });
      await custom.chat({ ...request, headers: { 'x-call': 'yes', 'x-override': 'call' } });
      const sent = replay.server.requests[0];
      expect(sent.method).toBe('POST');
      expect(sent.path).toBe('/v1/chat/completions');
      expect(sent.headers).toMatchObject({
        authorization: `Bearer ${KEY}`,
        'openai-organization': 'org-123',
        'openai-project': 'proj_456',
        'x-team': 'search',
        'x-call': 'yes',
        'x-override': 'call',
        'content-type': 'application/json',
      });
      expect(sent.body).toEqual({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'Hello' }],
      });
    });

    it('sends no Authorization header when no key is set (local servers)', async () => {
      const local = new OpenAIChatModel({
        model: 'llama3',
        baseUrl: replay.server.baseUrl,
        providerName: 'ollama',
      });
      replay.server.enqueue({ fixture: 'openai/chat-text.json' });
      const answer = await local.chat({ ...request, maxTokens: 5 });
      expect(replay.server.requests[0].headers.authorization).toBeUndefined();
      // Not api.openai.com: the field every compatible server knows.
      expect(replay.server.requests[0].body).toMatchObject({ max_tokens: 5 });
      expect(answer.providerMetadata).toHaveProperty('ollama');
      expect(local.info().provider).toBe('ollama');
    });

    it('is cold: nothing is sent before subscribe', async () => {
      replay.server.enqueue({ fixture: 'openai/chat-text.stream.txt' });
      const stream = model.stream(request);
      await new Promise((resolve) => setImmediate(resolve));
      expect(replay.server.requests).toHaveLength(0);
      await lastValueFrom(stream.pipe(toArray()));
      expect(replay.server.requests).toHaveLength(1);
    });

    it('rejects n > 1 before sending anything, in chat() and stream()', async () => {
      const bad = { ...request, providerOptions: { openai: { n: 3 } } };
      await expect(model.chat(bad)).rejects.toBeInstanceOf(ConduitValidationError);
      await expect(lastValueFrom(model.stream(bad))).rejects.toMatchObject({
        issues: [
          { path: 'providerOptions.openai.n', message: expect.stringContaining('must be 1') },
        ],
      });
      expect(replay.server.requests).toHaveLength(0);
    });

    it('rejects a base URL that is not absolute, naming the setting', () => {
      expect(() => new OpenAIChatModel({ model: 'gpt-4o', baseUrl: 'localhost:11434/v1' })).toThrow(
        ConduitValidationError,
      );
      expect(() => new OpenAIChatModel({ model: 'gpt-4o', baseUrl: '/v1' })).toThrow(
        'baseUrl: not an absolute http(s) URL',
      );
    });

    it('describes itself from the model catalogue', () => {
      const info = new OpenAIChatModel({ model: 'gpt-4o-2024-08-06' }).info();
      expect(info).toMatchObject({ provider: 'openai', modelId: 'gpt-4o-2024-08-06' });
      expect(info.capabilities).toMatchObject({ tools: true, streaming: true, vision: true });
      const local = new OpenAIChatModel({
        model: 'my-finetune',
        capabilities: { vision: true },
      }).info();
      expect(local.capabilities.vision).toBe(true);
      expect(model.specificationVersion).toBe('v1');
    });
  });
});
