import { lastValueFrom, toArray } from 'rxjs';
import { type StreamEvent } from '../../core';
import { collectStream } from '../../streaming/collect-stream';
import { readFixture } from '../../../test/support/fixtures';
import {
  RESPONSES_ASK as ASK,
  RESPONSES_KEY as KEY,
  useResponsesReplay,
} from '../../../test/support/openai-responses-harness';

// Usage reported by responses-text.stream.txt.
const USAGE_IN = 16;
const USAGE_OUT = 11;

/** The `response` object of a stream's `response.completed` event: the non-streamed body. */
function completedResponse(fixture: string): string {
  const payloads = readFixture(fixture)
    .split('\n')
    .filter((line) => line.startsWith('data: ') && line !== 'data: [DONE]')
    .map((line) => JSON.parse(line.slice(6)) as { type: string; response?: unknown });
  const completed = payloads.find((p) => p.type === 'response.completed');
  return JSON.stringify(completed?.response);
}

describe('OpenAIResponsesChatModel', () => {
  const replay = useResponsesReplay();

  it('streams a text answer with usage and a stop finish', async () => {
    replay.server.enqueue({ fixture: 'openai/responses-text.stream.txt' });
    const events = await lastValueFrom(replay.model().stream(ASK).pipe(toArray()));
    expect(events[0]).toEqual({
      type: 'start',
      id: 'resp_0360bd45725b0a010068f966a4c4a881959717ba17b93477ef',
      model: 'gpt-4o-2024-08-06',
      warnings: [],
    });
    const text = events.map((e) => (e.type === 'text-delta' ? e.delta : '')).join('');
    expect(text).toBe('4200 + 42 equals 4242.');
    const usage = {
      inputTokens: USAGE_IN,
      outputTokens: USAGE_OUT,
      totalTokens: USAGE_IN + USAGE_OUT,
      cacheReadTokens: 0,
      reasoningTokens: 0,
    };
    expect(events.slice(-2)).toEqual([
      { type: 'usage', usage },
      {
        type: 'finish',
        finishReason: 'stop',
        rawFinishReason: 'completed',
        usage,
        providerMetadata: { openai: { serviceTier: 'default' } },
      },
    ]);
    expect(replay.server.requests[0]?.path).toBe('/v1/responses');
    expect(replay.server.requests[0]?.headers['authorization']).toBe(`Bearer ${KEY}`);
    expect(replay.server.requests[0]?.body).toEqual({
      model: 'gpt-4o',
      input: [{ role: 'user', content: 'Hi' }],
      stream: true,
    });
  });

  it.each(['openai/responses-text.stream.txt', 'openai/responses-function-calls.stream.txt'])(
    'gives the same events for %s cut into 1-byte pieces',
    async (fixture) => {
      replay.server.enqueue({ fixture }, { fixture, chunkSize: 1 });
      const whole = await lastValueFrom(replay.model().stream(ASK).pipe(toArray()));
      const bytes = await lastValueFrom(replay.model().stream(ASK).pipe(toArray()));
      expect(bytes).toEqual(whole);
    },
  );

  it('assembles two streamed function calls with parsed arguments', async () => {
    replay.server.enqueue({ fixture: 'openai/responses-function-calls.stream.txt', chunkSize: 13 });
    const events = await lastValueFrom(replay.model().stream(ASK).pipe(toArray()));
    expect(events.filter((e) => e.type === 'tool-call-start')).toEqual([
      {
        type: 'tool-call-start',
        index: 0,
        id: 'call_sKC7OABqf2A2PTLCm0CLeRWV',
        name: 'secret_retrieval_tool',
      },
      {
        type: 'tool-call-start',
        index: 1,
        id: 'call_OdR3s3xop0vtgkDyWRMLafuH',
        name: 'secret_retrieval_tool',
      },
    ]);
    const fragments = events.filter((e) => e.type === 'tool-call-delta' && e.index === 0);
    expect(
      fragments.map((e) => (e.type === 'tool-call-delta' ? e.argumentsDelta : '')).join(''),
    ).toBe('{"password":"mellon"}');
    const calls = events.filter((e) => e.type === 'tool-call');
    expect(calls).toEqual([
      {
        type: 'tool-call',
        index: 0,
        toolCall: {
          id: 'call_sKC7OABqf2A2PTLCm0CLeRWV',
          name: 'secret_retrieval_tool',
          arguments: { password: 'mellon' },
          rawArguments: '{"password":"mellon"}',
        },
      },
      {
        type: 'tool-call',
        index: 1,
        toolCall: {
          id: 'call_OdR3s3xop0vtgkDyWRMLafuH',
          name: 'secret_retrieval_tool',
          arguments: { password: 'radiance' },
          rawArguments: '{"password":"radiance"}',
        },
      },
    ]);
    expect(events[events.length - 1]).toMatchObject({
      type: 'finish',
      finishReason: 'tool_calls',
      rawFinishReason: 'completed',
      usage: { inputTokens: 36, outputTokens: 54, totalTokens: 90 },
    });
  });

  it.each([
    'openai/responses-text.stream.txt',
    'openai/responses-function-calls.stream.txt',
    'openai/responses-reasoning-summary.stream.txt',
  ])('collects %s to what the non-streamed call gives for the same response', async (fixture) => {
    replay.server.enqueue({ fixture, chunkSize: 97 }, { body: completedResponse(fixture) });
    const streamed = await lastValueFrom(replay.model().stream(ASK).pipe(collectStream()));
    const whole = await replay.model().chat(ASK);
    expect(streamed).toEqual(whole);
    expect(replay.server.requests[1]?.body).toEqual({
      model: 'gpt-4o',
      input: [{ role: 'user', content: 'Hi' }],
    });
  });

  it('sends a collected tool-call answer and its results back as input items', async () => {
    replay.server.enqueue(
      { fixture: 'openai/responses-function-calls.stream.txt' },
      { body: completedResponse('openai/responses-text.stream.txt') },
    );
    const first = await lastValueFrom(replay.model().stream(ASK).pipe(collectStream()));
    const [a, b] = first.toolCalls;
    if (a === undefined || b === undefined) throw new Error('two tool calls expected');
    await replay.model().chat({
      messages: [
        ...ASK.messages,
        first.message,
        { role: 'tool', toolCallId: a.id, content: 'secret-1' },
        { role: 'tool', toolCallId: b.id, content: 'secret-2' },
      ],
    });
    expect((replay.server.requests[1]?.body as { input: unknown }).input).toEqual([
      { role: 'user', content: 'Hi' },
      {
        type: 'function_call',
        call_id: 'call_sKC7OABqf2A2PTLCm0CLeRWV',
        name: 'secret_retrieval_tool',
        arguments: '{"password":"mellon"}',
      },
      {
        type: 'function_call',
        call_id: 'call_OdR3s3xop0vtgkDyWRMLafuH',
        name: 'secret_retrieval_tool',
        arguments: '{"password":"radiance"}',
      },
      {
        type: 'function_call_output',
        call_id: 'call_sKC7OABqf2A2PTLCm0CLeRWV',
        output: 'secret-1',
      },
      {
        type: 'function_call_output',
        call_id: 'call_OdR3s3xop0vtgkDyWRMLafuH',
        output: 'secret-2',
      },
    ]);
  });

  it('streams reasoning summaries as reasoning deltas and keeps the reasoning item id', async () => {
    replay.server.enqueue({
      fixture: 'openai/responses-reasoning-summary.stream.txt',
      chunkSize: 512,
    });
    const answer = await lastValueFrom(
      replay
        .model({ model: 'gpt-5', reasoningSummary: 'detailed', reasoningEffort: 'medium' })
        .stream(ASK)
        .pipe(collectStream()),
    );
    expect(answer.text).toBe('3');
    expect(answer.content).toHaveLength(2);
    const [reasoning] = answer.content;
    expect(reasoning).toMatchObject({
      type: 'reasoning',
      signature: 'rs_0a1097cbfef27a8c00696afa2459008196a08a4261aba00f56',
    });
    const summaries = reasoning?.text.split('\n\n**') ?? [];
    expect(summaries).toHaveLength(3);
    expect(reasoning?.text.startsWith('**Exploring prime numbers**')).toBe(true);
    expect(answer.usage).toEqual({
      inputTokens: 32,
      outputTokens: 839,
      totalTokens: 871,
      cacheReadTokens: 0,
      reasoningTokens: 832,
    });
    expect(answer.message.content).toEqual(answer.content);
    expect(replay.server.requests[0]?.body).toMatchObject({
      model: 'gpt-5',
      reasoning: { effort: 'medium', summary: 'detailed' },
    });
  });

  it('serves xAI Responses streams (grok-code-fast-1) with cached and reasoning tokens', async () => {
    replay.server.enqueue({ fixture: 'xai/responses-reasoning.chunks.jsonl', chunkSize: 1024 });
    const xai = replay.model({ model: 'grok-code-fast-1', providerName: 'xai' });
    const events = await lastValueFrom(xai.stream(ASK).pipe(toArray()));
    expect(events.filter((e) => e.type === 'reasoning-delta' && e.delta !== '')).toHaveLength(66);
    expect(events.filter((e) => e.type === 'text-delta')).toHaveLength(600);
    const finish = events[events.length - 1] as Extract<StreamEvent, { type: 'finish' }>;
    expect(finish).toMatchObject({
      type: 'finish',
      finishReason: 'stop',
      rawFinishReason: 'completed',
    });
    expect(finish.usage).toEqual({
      inputTokens: 216,
      outputTokens: 923,
      totalTokens: 1139,
      cacheReadTokens: 192,
      reasoningTokens: 323,
    });
    expect(finish.providerMetadata).toEqual({});
    expect(xai.info()).toMatchObject({ provider: 'xai', modelId: 'grok-code-fast-1' });
    expect(xai.info().pricing?.inputPerMillion).toBe(0.2);
  });
});
