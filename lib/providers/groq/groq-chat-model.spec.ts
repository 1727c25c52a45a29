import { lastValueFrom, toArray } from 'rxjs';
import type { ChatRequest, Message } from '../../core';
import { collectStream } from '../../streaming/collect-stream';
import { readFixture, readFixtureJson } from '../../../test/support/fixtures';
import { useReplayServer } from '../../../test/support/replay-server';
import { GroqChatModel, GROQ_DEFAULT_BASE_URL } from './groq-chat-model';

const KEY = 'gsk_test_key_1234567890';
const ASK: ChatRequest = { messages: [{ role: 'user', content: 'Call the tool' }] };

describe('GroqChatModel', () => {
  const replay = useReplayServer();
  const groq = (
    model = 'openai/gpt-oss-120b',
    extra: Partial<ConstructorParameters<typeof GroqChatModel>[0]> = {},
  ) => new GroqChatModel({ model, apiKey: KEY, baseUrl: replay.server.baseUrl, ...extra });

  it('streams reasoning, then a tool call sent whole in one chunk, with usage', async () => {
    replay.server.enqueue({ fixture: 'groq/chat-tool-call.stream.txt', chunkSize: 64 });
    const events = await lastValueFrom(groq().stream(ASK).pipe(toArray()));
    const reasoning = events.filter((e) => e.type === 'reasoning-delta');
    expect(reasoning.length).toBeGreaterThan(10);
    expect(events.filter((e) => e.type === 'tool-call-delta')).toEqual([
      {
        type: 'tool-call-delta',
        index: 0,
        id: 'fc_bfb39741-3748-4def-9886-a93fc9c64a90',
        argumentsDelta: '{"name":"example"}',
      },
    ]);
    replay.server.enqueue({ fixture: 'groq/chat-tool-call.stream.txt' });
    const collected = await lastValueFrom(groq().stream(ASK).pipe(collectStream()));
    expect(collected.toolCalls).toEqual([
      {
        id: 'fc_bfb39741-3748-4def-9886-a93fc9c64a90',
        name: 'get_something_by_name',
        arguments: { name: 'example' },
        rawArguments: '{"name":"example"}',
      },
    ]);
    expect(collected).toMatchObject({
      finishReason: 'tool_calls',
      rawFinishReason: 'tool_calls',
      usage: { inputTokens: 304, outputTokens: 49, totalTokens: 353, reasoningTokens: 23 },
      model: 'openai/gpt-oss-120b',
      providerMetadata: { groq: { systemFingerprint: 'fp_caa2017b29' } },
    });
    expect(collected.content[0]?.type).toBe('reasoning');
    expect(collected.text).toBe('');
  });

  it('streams the follow-up answer: reasoning first, then text', async () => {
    replay.server.enqueue({ fixture: 'groq/chat-tool-result-followup.stream.txt', chunkSize: 1 });
    const answer = await lastValueFrom(groq().stream(ASK).pipe(collectStream()));
    expect(answer.text).toBe('The tool returned the expected result for the valid call.');
    expect(answer.content.map((p) => p.type)).toEqual(['reasoning', 'text']);
    expect(answer).toMatchObject({
      finishReason: 'stop',
      usage: { inputTokens: 339, outputTokens: 58, totalTokens: 397, reasoningTokens: 38 },
    });
  });

  it('puts x_groq and the usage timings into providerMetadata.groq, streamed or not', async () => {
    replay.server.enqueue({ fixture: 'groq/chat-tool-call.stream.txt', chunkSize: 7 });
    const streamed = await lastValueFrom(groq().stream(ASK).pipe(collectStream()));
    expect(streamed.providerMetadata).toEqual({
      groq: {
        systemFingerprint: 'fp_caa2017b29',
        requestId: 'req_01khrvt32ze9rb75za4xqmdz13',
        seed: 1367355884,
        timings: {
          queueTime: 0.00491786,
          promptTime: 0.01460151,
          completionTime: 0.11216431,
          totalTime: 0.12676582,
        },
      },
    });
    replay.server.enqueue({ fixture: 'groq/chat-text.json' });
    const whole = await groq('llama-3.3-70b-versatile').chat(ASK);
    expect(whole.providerMetadata).toEqual({
      groq: {
        systemFingerprint: 'fp_f8b414701e',
        serviceTier: 'on_demand',
        requestId: 'req_01kh52m3qqem4sw141xf026ehx',
        seed: 167346302,
        timings: {
          queueTime: 0.041876985,
          promptTime: 0.001954727,
          completionTime: 2.245177008,
          totalTime: 2.247131735,
        },
      },
    });
  });

  it('maps a non-streamed text answer with its usage', async () => {
    replay.server.enqueue({ fixture: 'groq/chat-text.json' });
    const answer = await groq('llama-3.3-70b-versatile').chat(ASK);
    expect(answer.text.startsWith('I\'d like to introduce "Luminaria"')).toBe(true);
    expect(answer).toMatchObject({
      finishReason: 'stop',
      usage: { inputTokens: 45, outputTokens: 607, totalTokens: 652 },
      providerMetadata: { groq: { serviceTier: 'on_demand', systemFingerprint: 'fp_f8b414701e' } },
    });
    expect(answer.message).toEqual({ role: 'assistant', content: answer.text });
  });

  it('maps a non-streamed tool call without a content key', async () => {
    replay.server.enqueue({ fixture: 'groq/chat-tool-call.json' });
    const answer = await groq('llama-3.3-70b-versatile').chat(ASK);
    expect(answer).toMatchObject({
      text: '',
      finishReason: 'tool_calls',
      toolCalls: [{ id: 'ax9fskhev', name: 'weather', arguments: {}, rawArguments: '{}' }],
      usage: { inputTokens: 218, outputTokens: 15, totalTokens: 233 },
    });
  });

  it('keeps qwen3 reasoning apart from the text', async () => {
    replay.server.enqueue({ fixture: 'groq/chat-reasoning.json' });
    const answer = await groq('qwen/qwen3-32b', {
      reasoningFormat: 'parsed',
      reasoningEffort: 'default',
    }).chat(ASK);
    const body = readFixtureJson<{
      choices: { message: { reasoning: string; content: string } }[];
    }>('groq/chat-reasoning.json');
    expect(answer.content).toEqual([
      { type: 'reasoning', text: body.choices[0]?.message.reasoning },
      { type: 'text', text: body.choices[0]?.message.content },
    ]);
    expect(answer.usage).toEqual({
      inputTokens: 17,
      outputTokens: 649,
      totalTokens: 666,
      reasoningTokens: 570,
    });
    expect(replay.server.requests[0]?.body).toMatchObject({
      reasoning_format: 'parsed',
      reasoning_effort: 'default',
    });
  });

  it('collects the streamed and the non-streamed llama tool call to the same answer', async () => {
    replay.server.enqueue(
      { fixture: 'groq/chat-tool-call.chunks.jsonl' },
      { fixture: 'groq/chat-tool-call.json' },
    );
    const streamed = await lastValueFrom(
      groq('llama-3.3-70b-versatile').stream(ASK).pipe(collectStream()),
    );
    const whole = await groq('llama-3.3-70b-versatile').chat(ASK);
    // Two recordings of the same request: ids and token counts differ, the answer does not.
    const shape = (r: typeof whole) => ({
      text: r.text,
      content: r.content,
      toolCalls: r.toolCalls.map(({ name, arguments: args, rawArguments }) => ({
        name,
        args,
        rawArguments,
      })),
      finishReason: r.finishReason,
      rawFinishReason: r.rawFinishReason,
      usageKeys: Object.keys(r.usage),
      model: r.model,
    });
    expect(shape(streamed)).toEqual(shape(whole));
    expect(streamed.usage).toEqual({ inputTokens: 210, outputTokens: 15, totalTokens: 225 });
  });

  it('reads usage from x_groq.usage when the chunk has no top-level usage', async () => {
    const full = readFixture('groq/chat-tool-call.chunks.jsonl');
    // Drop the top-level usage of the last chunk, keep x_groq.usage.
    const at = full.lastIndexOf(',"usage":{');
    const sse = full.slice(0, at) + full.slice(full.indexOf('}', at) + 1);
    expect(sse.match(/"usage"/g)).toHaveLength(1);
    expect(sse).toContain('"x_groq":{"id":"req_01kh52nj5yfcat8hrmvrk2j2hj","usage":{');
    replay.server.enqueue({ body: sse });
    const answer = await lastValueFrom(
      groq('llama-3.3-70b-versatile').stream(ASK).pipe(collectStream()),
    );
    expect(answer.usage).toEqual({ inputTokens: 210, outputTokens: 15, totalTokens: 225 });
  });

  it('serializes a multi-turn tool conversation in the documented Chat Completions shape', async () => {
    replay.server.enqueue({ fixture: 'groq/chat-tool-result-followup.stream.txt' });
    const messages: Message[] = [
      { role: 'system', content: 'Use tools.' },
      { role: 'user', content: 'Find example' },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'Need the tool.' },
          { type: 'text', text: '' },
        ],
        toolCalls: [
          {
            id: 'fc_bfb39741-3748-4def-9886-a93fc9c64a90',
            name: 'get_something_by_name',
            arguments: { name: 'example' },
            rawArguments: '{"name":"example"}',
          },
        ],
      },
      {
        role: 'tool',
        toolCallId: 'fc_bfb39741-3748-4def-9886-a93fc9c64a90',
        content: 'Retrieved: example',
      },
    ];
    await lastValueFrom(
      groq('openai/gpt-oss-120b', { includeReasoning: true, reasoningEffort: 'low' }).stream({
        messages,
        tools: [
          {
            name: 'get_something_by_name',
            parameters: {
              type: 'object',
              properties: { name: { type: 'string' } },
              required: ['name'],
            },
          },
        ],
        maxTokens: 256,
        providerOptions: { groq: { reasoning_effort: 'high' } },
      }),
    );
    expect(replay.server.requests[0]?.path).toBe('/v1/chat/completions');
    expect(replay.server.requests[0]?.headers['authorization']).toBe(`Bearer ${KEY}`);
    expect(replay.server.requests[0]?.body).toEqual({
      model: 'openai/gpt-oss-120b',
      messages: [
        { role: 'system', content: 'Use tools.' },
        { role: 'user', content: 'Find example' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'fc_bfb39741-3748-4def-9886-a93fc9c64a90',
              type: 'function',
              function: { name: 'get_something_by_name', arguments: '{"name":"example"}' },
            },
          ],
        },
        {
          role: 'tool',
          tool_call_id: 'fc_bfb39741-3748-4def-9886-a93fc9c64a90',
          content: 'Retrieved: example',
        },
      ],
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_something_by_name',
            parameters: {
              type: 'object',
              properties: { name: { type: 'string' } },
              required: ['name'],
            },
          },
        },
      ],
      max_tokens: 256,
      stream: true,
      stream_options: { include_usage: true },
      include_reasoning: true,
      // The user's provider options win over the model settings.
      reasoning_effort: 'high',
    });
  });

  it('reports catalogue capabilities and prices, and GroqCloud as the default base URL', () => {
    const model = new GroqChatModel({ model: 'openai/gpt-oss-120b', apiKey: KEY });
    expect(model.info()).toMatchObject({
      provider: 'groq',
      modelId: 'openai/gpt-oss-120b',
      capabilities: { reasoning: true, tools: true, vision: false, maxContextTokens: 131_072 },
      pricing: { inputPerMillion: 0.15, outputPerMillion: 0.6 },
    });
    expect(GROQ_DEFAULT_BASE_URL).toBe('https://api.groq.com/openai/v1');
  });
});
