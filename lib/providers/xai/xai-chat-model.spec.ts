import { lastValueFrom, toArray } from 'rxjs';
import type { ChatRequest, Message } from '../../core';
import { collectStream } from '../../streaming/collect-stream';
import { readFixtureJson } from '../../../test/support/fixtures';
import { useReplayServer } from '../../../test/support/replay-server';
import { normalizeXaiUsage } from './map-xai-usage';
import { XaiChatModel, XAI_DEFAULT_BASE_URL } from './xai-chat-model';

const KEY = 'xai-test-key-1234567890';
const ASK: ChatRequest = { messages: [{ role: 'user', content: 'Say a single word.' }] };

describe('XaiChatModel (Chat Completions)', () => {
  const replay = useReplayServer();
  const grok = (extra: Partial<ConstructorParameters<typeof XaiChatModel>[0]> = {}) =>
    new XaiChatModel({
      model: 'grok-3-mini',
      apiKey: KEY,
      baseUrl: replay.server.baseUrl,
      ...extra,
    });

  it('streams reasoning_content as reasoning and counts reasoning tokens as output', async () => {
    replay.server.enqueue({ fixture: 'xai/chat-text-reasoning.chunks.jsonl', chunkSize: 300 });
    const events = await lastValueFrom(grok().stream(ASK).pipe(toArray()));
    expect(events.filter((e) => e.type === 'reasoning-delta')).toHaveLength(340);
    const usage = {
      inputTokens: 12,
      // completion_tokens 2 + reasoning_tokens 340: the 354 total adds up again.
      outputTokens: 342,
      totalTokens: 354,
      cacheReadTokens: 11,
      reasoningTokens: 340,
    };
    expect(events.find((e) => e.type === 'usage')).toEqual({ type: 'usage', usage });
    expect(events[events.length - 1]).toMatchObject({
      type: 'finish',
      finishReason: 'stop',
      usage,
    });
  });

  it('collects the stream and maps the non-streamed answer to the same shape', async () => {
    replay.server.enqueue(
      { fixture: 'xai/chat-text-reasoning.chunks.jsonl' },
      { fixture: 'xai/chat-text-reasoning.json' },
    );
    const streamed = await lastValueFrom(grok().stream(ASK).pipe(collectStream()));
    const whole = await grok().chat(ASK);
    for (const answer of [streamed, whole]) {
      expect(answer.text).toBe('Grok');
      expect(answer.content.map((p) => p.type)).toEqual(['reasoning', 'text']);
      expect(answer.message.content).toEqual(answer.content);
      expect(answer).toMatchObject({
        finishReason: 'stop',
        rawFinishReason: 'stop',
        model: 'grok-3-mini',
      });
      expect(answer.usage.inputTokens + answer.usage.outputTokens).toBe(answer.usage.totalTokens);
    }
    const body = readFixtureJson<{ choices: { message: { reasoning_content: string } }[] }>(
      'xai/chat-text-reasoning.json',
    );
    expect(whole.content[0]).toEqual({
      type: 'reasoning',
      text: body.choices[0]?.message.reasoning_content,
    });
    expect(whole.usage).toEqual({
      inputTokens: 12,
      outputTokens: 322,
      totalTokens: 334,
      cacheReadTokens: 2,
      reasoningTokens: 320,
    });
    expect(whole.providerMetadata).toEqual({ xai: { systemFingerprint: 'fp_2a885414fb' } });
  });

  it('takes a tool call sent whole in one chunk, streamed and not', async () => {
    replay.server.enqueue(
      { fixture: 'xai/chat-tool-call.chunks.jsonl', chunkSize: 7 },
      { fixture: 'xai/chat-tool-call.json' },
    );
    const streamed = await lastValueFrom(grok().stream(ASK).pipe(collectStream()));
    const whole = await grok().chat(ASK);
    expect(streamed.toolCalls).toEqual([
      {
        id: 'call_79382389',
        name: 'weather',
        arguments: { location: 'San Francisco' },
        rawArguments: '{"location":"San Francisco"}',
      },
    ]);
    expect(whole.toolCalls).toEqual([
      {
        id: 'call_46427107',
        name: 'weather',
        arguments: { location: 'San Francisco' },
        rawArguments: '{"location":"San Francisco"}',
      },
    ]);
    for (const answer of [streamed, whole]) {
      expect(answer).toMatchObject({ text: '', finishReason: 'tool_calls' });
      expect(answer.content.map((p) => p.type)).toEqual(['reasoning']);
      expect(answer.message.toolCalls).toEqual(answer.toolCalls);
    }
    expect(streamed.usage).toEqual({
      inputTokens: 307,
      outputTokens: 253,
      totalTokens: 560,
      cacheReadTokens: 306,
      reasoningTokens: 227,
    });
    expect(whole.usage).toMatchObject({ outputTokens: 281, totalTokens: 588 });
  });

  it('serializes a multi-turn tool conversation and its reasoning effort', async () => {
    replay.server.enqueue({ fixture: 'xai/chat-text-reasoning.json' });
    const messages: Message[] = [
      { role: 'user', content: 'Weather in SF?' },
      {
        role: 'assistant',
        content: [{ type: 'reasoning', text: 'Call weather.' }],
        toolCalls: [
          {
            id: 'call_46427107',
            name: 'weather',
            arguments: { location: 'San Francisco' },
            rawArguments: '{"location":"San Francisco"}',
          },
        ],
      },
      { role: 'tool', toolCallId: 'call_46427107', toolName: 'weather', content: '{"temp":17}' },
    ];
    await grok({ reasoningEffort: 'high', headers: { 'x-grok-conv-id': 'conv-1' } }).chat({
      messages,
    });
    const request = replay.server.requests[0];
    expect(request?.path).toBe('/v1/chat/completions');
    expect(request?.headers['x-grok-conv-id']).toBe('conv-1');
    expect(request?.body).toEqual({
      model: 'grok-3-mini',
      messages: [
        { role: 'user', content: 'Weather in SF?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'call_46427107',
              type: 'function',
              function: { name: 'weather', arguments: '{"location":"San Francisco"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'call_46427107', content: '{"temp":17}' },
      ],
      reasoning_effort: 'high',
    });
  });

  it('reports catalogue info and the xAI base URL by default', () => {
    const model = new XaiChatModel({ model: 'grok-4.3', apiKey: KEY });
    expect(model.info()).toMatchObject({
      provider: 'xai',
      modelId: 'grok-4.3',
      capabilities: { reasoning: true, maxContextTokens: 1_000_000 },
      pricing: { inputPerMillion: 1.25, outputPerMillion: 2.5, cacheReadPerMillion: 0.2 },
    });
    expect(XAI_DEFAULT_BASE_URL).toBe('https://api.x.ai/v1');
  });
});

describe('XaiChatModel (Responses API)', () => {
  const replay = useReplayServer();

  it('streams reasoning summaries and text from xAI /responses', async () => {
    replay.server.enqueue({ fixture: 'xai/responses-reasoning.chunks.jsonl', chunkSize: 4096 });
    const model = new XaiChatModel({
      model: 'grok-code-fast-1',
      apiKey: KEY,
      baseUrl: replay.server.baseUrl,
      api: 'responses',
      reasoningEffort: 'low',
      reasoningSummary: 'auto',
      includeEncryptedReasoning: true,
      store: false,
    });
    const answer = await lastValueFrom(model.stream(ASK).pipe(collectStream()));
    expect(answer.id).toBe('bf3b2b34-79d4-a45c-7be8-d1e5f96386c2');
    expect(answer.text.startsWith('### Overview of Sonoran Cuisine')).toBe(true);
    expect(answer.content[0]).toMatchObject({
      type: 'reasoning',
      signature: 'rs_bf3b2b34-79d4-a45c-7be8-d1e5f96386c2',
    });
    expect(answer.content[0]?.text.startsWith('First, the question is')).toBe(true);
    expect(answer.usage).toEqual({
      inputTokens: 216,
      outputTokens: 923,
      totalTokens: 1139,
      cacheReadTokens: 192,
      reasoningTokens: 323,
    });
    expect(replay.server.requests[0]?.path).toBe('/v1/responses');
    expect(replay.server.requests[0]?.body).toEqual({
      model: 'grok-code-fast-1',
      input: [{ role: 'user', content: 'Say a single word.' }],
      reasoning: { effort: 'low', summary: 'auto' },
      include: ['reasoning.encrypted_content'],
      store: false,
      stream: true,
    });
    expect(model.info().provider).toBe('xai');
  });

  it('sends the chat() request to /responses too', async () => {
    replay.server.enqueue({
      body: JSON.stringify({
        id: 'r1',
        model: 'grok-4.3',
        status: 'completed',
        output: [],
        usage: null,
      }),
    });
    const model = new XaiChatModel({
      model: 'grok-4.3',
      apiKey: KEY,
      baseUrl: replay.server.baseUrl,
      api: 'responses',
    });
    const answer = await model.chat(ASK);
    expect(answer).toMatchObject({ id: 'r1', text: '', finishReason: 'stop' });
    expect(replay.server.requests[0]?.path).toBe('/v1/responses');
  });
});

describe('normalizeXaiUsage', () => {
  it('leaves usage alone when output already includes reasoning or there is none', () => {
    const included = { inputTokens: 10, outputTokens: 30, totalTokens: 40, reasoningTokens: 20 };
    expect(normalizeXaiUsage(included)).toBe(included);
    const none = { inputTokens: 1, outputTokens: 2, totalTokens: 3 };
    expect(normalizeXaiUsage(none)).toBe(none);
  });
});
