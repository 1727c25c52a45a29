import { lastValueFrom, toArray } from 'rxjs';
import type { ChatResponse, StreamEvent } from '../../core';
import { readFixture, seededCuts } from '../../../test/support/fixtures';
import { ReplayServer, type ReplayScript } from '../../../test/support/replay-server';
import { collectStream } from '../../streaming/collect-stream';
import { OpenAIChatModel } from './openai-chat-model';

const request = { messages: [{ role: 'user' as const, content: 'Hello' }] };

interface StreamCase {
  readonly fixture: string;
  readonly text: string;
  readonly finishReason: ChatResponse['finishReason'];
  readonly rawFinishReason: string;
  readonly usage: ChatResponse['usage'];
  readonly toolCalls?: readonly { id: string; name: string; arguments: Record<string, unknown> }[];
  readonly refusal?: string;
}

const CASES: readonly StreamCase[] = [
  {
    fixture: 'openai/chat-text.stream.txt',
    text: '4200 + 42 equals 4242.',
    finishReason: 'stop',
    rawFinishReason: 'stop',
    usage: {
      inputTokens: 16,
      outputTokens: 10,
      totalTokens: 26,
      cacheReadTokens: 0,
      reasoningTokens: 0,
    },
  },
  {
    fixture: 'openai/chat-tool-calls-parallel.stream.txt',
    text: '',
    finishReason: 'tool_calls',
    rawFinishReason: 'tool_calls',
    usage: {
      inputTokens: 75,
      outputTokens: 53,
      totalTokens: 128,
      cacheReadTokens: 0,
      reasoningTokens: 0,
    },
    toolCalls: [
      {
        id: 'call_M26z19sncd7b4LBgzKRRbaUE',
        name: 'secret_retrieval_tool',
        arguments: { password: 'mellon' },
      },
      {
        id: 'call_KPXe5NX7IcKkaBUhc6dto2QV',
        name: 'secret_retrieval_tool',
        arguments: { password: 'radiance' },
      },
    ],
  },
  {
    fixture: 'openai/chat-tool-calls-two-functions.stream.txt',
    text: '',
    finishReason: 'tool_calls',
    rawFinishReason: 'tool_calls',
    usage: { inputTokens: 149, outputTokens: 60, totalTokens: 209, reasoningTokens: 0 },
    toolCalls: [
      {
        id: 'call_JMW1whyEaYG438VE1OIflxA2',
        name: 'GetWeatherArgs',
        arguments: { city: 'Edinburgh', country: 'GB', units: 'c' },
      },
      {
        id: 'call_DNYTawLBoN8fj3KN6qU9N1Ou',
        name: 'get_stock_price',
        arguments: { ticker: 'AAPL', exchange: 'NASDAQ' },
      },
    ],
  },
  {
    fixture: 'openai/chat-tool-result-followup.stream.txt',
    text: 'The secrets associated with the passwords are:\n\n- "mellon": Welcome to Moria!\n- "radiance": Life before Death',
    finishReason: 'stop',
    rawFinishReason: 'stop',
    usage: {
      inputTokens: 149,
      outputTokens: 28,
      totalTokens: 177,
      cacheReadTokens: 0,
      reasoningTokens: 0,
    },
  },
  {
    fixture: 'openai/chat-length.stream.txt',
    text: '{"',
    finishReason: 'length',
    rawFinishReason: 'length',
    usage: { inputTokens: 79, outputTokens: 1, totalTokens: 80, reasoningTokens: 0 },
  },
  {
    fixture: 'openai/chat-refusal.stream.txt',
    text: '',
    finishReason: 'stop',
    rawFinishReason: 'stop',
    usage: { inputTokens: 79, outputTokens: 11, totalTokens: 90, reasoningTokens: 0 },
    refusal: "I'm sorry, I can't assist with that request.",
  },
  {
    // logprobs on every delta are ignored: only the text comes through.
    fixture: 'openai/chat-logprobs.stream.txt',
    text: 'Foo!',
    finishReason: 'stop',
    rawFinishReason: 'stop',
    usage: { inputTokens: 9, outputTokens: 2, totalTokens: 11, reasoningTokens: 0 },
  },
  {
    // n = 3: choices 1 and 2 (temperatures 61 and 59) are interleaved and must be ignored.
    fixture: 'openai/chat-three-choices.stream.txt',
    text: '{"city":"San Francisco","temperature":65,"units":"f"}',
    finishReason: 'stop',
    rawFinishReason: 'stop',
    usage: { inputTokens: 79, outputTokens: 42, totalTokens: 121, reasoningTokens: 0 },
  },
];

describe('OpenAIChatModel.stream() replaying recorded streams', () => {
  let server: ReplayServer;
  let model: OpenAIChatModel;

  beforeAll(async () => {
    server = await ReplayServer.start();
    model = new OpenAIChatModel({
      model: 'gpt-4o',
      apiKey: 'sk-test-key-123',
      baseUrl: server.baseUrl,
    });
  });
  afterAll(() => server.close());

  const events = (script: ReplayScript): Promise<StreamEvent[]> => {
    server.enqueue(script);
    return lastValueFrom(model.stream(request).pipe(toArray()));
  };

  describe.each(CASES)('$fixture', (c) => {
    it('maps text, tool calls, refusal, finish reason and usage', async () => {
      const all = await events({ fixture: c.fixture });
      expect(all[0]?.type).toBe('start');
      expect(all.filter((e) => e.type === 'start')).toHaveLength(1);
      expect(all[all.length - 1]).toMatchObject({
        type: 'finish',
        finishReason: c.finishReason,
        rawFinishReason: c.rawFinishReason,
        usage: c.usage,
      });
      expect(all[all.length - 2]).toEqual({ type: 'usage', usage: c.usage });
      const text = all.map((e) => (e.type === 'text-delta' ? e.delta : '')).join('');
      expect(text).toBe(c.text);
      const refusal = all.map((e) => (e.type === 'refusal-delta' ? e.delta : '')).join('');
      expect(refusal).toBe(c.refusal ?? '');
      const calls = all.flatMap((e) => (e.type === 'tool-call' ? [e.toolCall] : []));
      expect(calls.map(({ id, name, arguments: args }) => ({ id, name, arguments: args }))).toEqual(
        c.toolCalls ?? [],
      );
      // Complete tool calls come after every fragment, right before usage and finish.
      const firstCall = all.findIndex((e) => e.type === 'tool-call');
      if (firstCall >= 0) {
        expect(all.slice(firstCall + 1).some((e) => e.type === 'tool-call-delta')).toBe(false);
      }
    });

    it('gives identical events when the body arrives in 1-byte and in random pieces', async () => {
      const whole = await events({ fixture: c.fixture });
      const bytes = await events({ fixture: c.fixture, chunkSize: 1 });
      const length = Buffer.byteLength(readFixture(c.fixture));
      const random = await events({ fixture: c.fixture, cutAt: seededCuts(length, 42, 48) });
      expect(bytes).toEqual(whole);
      expect(random).toEqual(whole);
    });

    it('collects to the same answer the events describe', async () => {
      server.enqueue({
        fixture: c.fixture,
        cutAt: seededCuts(Buffer.byteLength(readFixture(c.fixture)), 7),
      });
      const answer = await lastValueFrom(model.stream(request).pipe(collectStream()));
      expect(answer.text).toBe(c.text);
      expect(answer.finishReason).toBe(c.finishReason);
      expect(answer.usage).toEqual(c.usage);
      expect(answer.toolCalls.map((t) => t.id)).toEqual((c.toolCalls ?? []).map((t) => t.id));
      expect(answer.refusal).toBe(c.refusal);
    });
  });

  it('emits tool-call start and argument fragments by index before the complete calls', async () => {
    const all = await events({ fixture: 'openai/chat-tool-calls-parallel.stream.txt' });
    const progress = all.filter(
      (e) => e.type === 'tool-call-start' || e.type === 'tool-call-delta',
    );
    expect(progress[0]).toEqual({
      type: 'tool-call-start',
      index: 0,
      id: 'call_M26z19sncd7b4LBgzKRRbaUE',
      name: 'secret_retrieval_tool',
    });
    const args1 = progress
      .map((e) => (e.type === 'tool-call-delta' && e.index === 1 ? e.argumentsDelta : ''))
      .join('');
    expect(args1).toBe('{"password": "radiance"}');
    const complete = all.filter((e) => e.type === 'tool-call');
    expect(complete[1]).toEqual({
      type: 'tool-call',
      index: 1,
      toolCall: {
        id: 'call_KPXe5NX7IcKkaBUhc6dto2QV',
        name: 'secret_retrieval_tool',
        arguments: { password: 'radiance' },
        rawArguments: '{"password": "radiance"}',
      },
    });
  });

  it('reports the response id, model and provider metadata', async () => {
    const all = await events({ fixture: 'openai/chat-text.stream.txt' });
    expect(all[0]).toEqual({
      type: 'start',
      id: 'chatcmpl-CoDWl5rS0pF10P0W0TDVgY3NA26dk',
      model: 'gpt-4o-2024-08-06',
      warnings: [],
    });
    expect(all[all.length - 1]).toMatchObject({
      providerMetadata: { openai: { systemFingerprint: 'fp_deacdd5f6f', serviceTier: 'default' } },
    });
  });

  it('decodes multi-byte UTF-8 split at every byte boundary', async () => {
    const sentence = 'héllo wörld 🌍';
    const chunk = (delta: object, finish: string | null = null): string =>
      `data: ${JSON.stringify({ id: 'c1', model: 'm', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
    const body = `${chunk({ content: 'héllo ' })}${chunk({ content: 'wörld 🌍' })}${chunk({}, 'stop')}data: [DONE]\n\n`;
    const length = Buffer.byteLength(body);
    for (let cut = 1; cut < length; cut++) {
      const all = await events({ body, cutAt: [cut] });
      const text = all.map((e) => (e.type === 'text-delta' ? e.delta : '')).join('');
      expect(text).toBe(sentence);
    }
    const bytes = await events({ body, chunkSize: 1 });
    expect(bytes.map((e) => (e.type === 'text-delta' ? e.delta : '')).join('')).toBe(sentence);
  });
});
