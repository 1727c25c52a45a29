import { InvalidResponseError, RateLimitError, type StreamEvent } from '../../core';
import { MAX_TOOL_CALLS_PER_RESPONSE } from '../shared/stream-limits';
import { OpenAIStreamState } from './openai-stream-state';

const context = { provider: 'openai', secrets: ['sk-secret-123456'] };
const chunk = (
  delta: Record<string, unknown>,
  finish: string | null = null,
  extra: Record<string, unknown> = {},
) => ({
  id: 'c1',
  model: 'm1',
  choices: [{ index: 0, delta, finish_reason: finish }],
  ...extra,
});

function run(chunks: readonly unknown[], state = new OpenAIStreamState(context)): StreamEvent[] {
  return [...chunks.flatMap((c) => state.push(c)), ...state.finish()];
}

describe('OpenAIStreamState', () => {
  it('emits start once with the request warnings, then deltas, usage and finish', () => {
    const warnings = [{ setting: 'toolChoice', message: 'ignored' }];
    const events = run(
      [
        chunk({ role: 'assistant', content: '' }, null, { usage: null, obfuscation: 'xyz' }),
        chunk({ content: 'Hi' }, null, { usage: null }),
        chunk({}, 'stop', { system_fingerprint: 'fp_1', service_tier: 'default' }),
        {
          id: 'c1',
          model: 'm1',
          choices: [],
          usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 },
        },
      ],
      new OpenAIStreamState(context, warnings),
    );
    expect(events).toEqual([
      { type: 'start', id: 'c1', model: 'm1', warnings },
      { type: 'text-delta', delta: 'Hi' },
      { type: 'usage', usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 } },
      {
        type: 'finish',
        finishReason: 'stop',
        rawFinishReason: 'stop',
        usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 },
        providerMetadata: { openai: { systemFingerprint: 'fp_1', serviceTier: 'default' } },
      },
    ]);
  });

  it('turns reasoning_content and reasoning into reasoning deltas', () => {
    const events = run([
      chunk({ reasoning_content: 'a' }),
      chunk({ reasoning: 'b', channel: 'analysis' }),
      chunk({ content: 'c' }, 'stop'),
    ]);
    expect(events.filter((e) => e.type !== 'start' && e.type !== 'finish')).toEqual([
      { type: 'reasoning-delta', delta: 'a' },
      { type: 'reasoning-delta', delta: 'b' },
      { type: 'text-delta', delta: 'c' },
    ]);
  });

  it('handles a complete tool call in one chunk (Groq, xAI) and Groq usage in x_groq', () => {
    const events = run([
      chunk({
        tool_calls: [
          { index: 0, id: 'fc_1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } },
        ],
      }),
      chunk({}, 'tool_calls', {
        x_groq: { usage: { prompt_tokens: 5, completion_tokens: 6, total_tokens: 11 } },
      }),
    ]);
    expect(events.slice(1)).toEqual([
      { type: 'tool-call-start', index: 0, id: 'fc_1', name: 'f' },
      { type: 'tool-call-delta', index: 0, id: 'fc_1', argumentsDelta: '{"a":1}' },
      {
        type: 'tool-call',
        index: 0,
        toolCall: { id: 'fc_1', name: 'f', arguments: { a: 1 }, rawArguments: '{"a":1}' },
      },
      { type: 'usage', usage: { inputTokens: 5, outputTokens: 6, totalTokens: 11 } },
      expect.objectContaining({ type: 'finish', finishReason: 'tool_calls' }),
    ]);
  });

  it('assembles by index even when fragments of two calls interleave', () => {
    const events = run([
      chunk({ tool_calls: [{ index: 0, id: 'a', function: { name: 'f', arguments: '{"x":' } }] }),
      chunk({ tool_calls: [{ index: 1, id: 'b', function: { name: 'g', arguments: '{"y":' } }] }),
      chunk({
        tool_calls: [
          { index: 0, function: { arguments: '1}' } },
          { index: 1, function: { arguments: '2}' } },
        ],
      }),
      chunk({}, 'tool_calls'),
    ]);
    const calls = events.flatMap((e) =>
      e.type === 'tool-call' ? [[e.index, e.toolCall.arguments]] : [],
    );
    expect(calls).toEqual([
      [0, { x: 1 }],
      [1, { y: 2 }],
    ]);
  });

  it('falls back on ids when a server omits the index', () => {
    const events = run([
      chunk({ tool_calls: [{ id: 'a', function: { name: 'f', arguments: '{' } }] }),
      chunk({ tool_calls: [{ function: { arguments: '}' } }] }),
      chunk({ tool_calls: [{ id: 'a', function: { arguments: '' } }] }),
      chunk({ tool_calls: [{ id: 'b', function: { name: 'g' } }, 'junk'] }),
      chunk({}, 'tool_calls'),
    ]);
    const calls = events.flatMap((e) =>
      e.type === 'tool-call' ? [[e.index, e.toolCall.id, e.toolCall.rawArguments]] : [],
    );
    expect(calls).toEqual([
      [0, 'a', '{}'],
      [1, 'b', ''],
    ]);
  });

  it('names a call without id after its index and keeps invalid arguments raw', () => {
    const events = run([
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"cut' } }] }),
      chunk({}, 'length'),
    ]);
    expect(events.find((e) => e.type === 'tool-call')).toEqual({
      type: 'tool-call',
      index: 0,
      toolCall: { id: 'call_0', name: '', arguments: {}, rawArguments: '{"cut' },
    });
  });

  it('ignores choices other than 0 and deltas after the finish reason', () => {
    const events = run([
      {
        id: 'c',
        model: 'm',
        choices: [
          { index: 1, delta: { content: 'other' } },
          { index: 0, delta: { content: 'mine' } },
        ],
      },
      chunk({}, 'stop'),
      chunk({ content: 'late' }),
    ]);
    expect(events.filter((e) => e.type === 'text-delta')).toEqual([
      { type: 'text-delta', delta: 'mine' },
    ]);
  });

  it('treats an empty finish_reason as "not yet"', () => {
    const events = run([chunk({ content: 'a' }, ''), chunk({ content: 'b' }, 'stop')]);
    expect(
      events.filter((e) => e.type === 'text-delta').map((e) => e.type === 'text-delta' && e.delta),
    ).toEqual(['a', 'b']);
  });

  it('emits finish without usage when none was reported', () => {
    const events = run([chunk({ content: 'x', refusal: '' }, 'stop')]);
    expect(events.map((e) => e.type)).toEqual(['start', 'text-delta', 'finish']);
    expect(events[2]).toMatchObject({
      usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 },
      providerMetadata: {},
    });
  });

  it('fails when the stream ends without a finish reason', () => {
    const state = new OpenAIStreamState(context);
    state.push(chunk({ content: 'partial' }));
    expect(() => state.finish()).toThrow(InvalidResponseError);
    expect(() => new OpenAIStreamState(context).finish()).toThrow(/no finish_reason/);
  });

  it('throws the typed error of an error payload, and InvalidResponseError for non-objects', () => {
    const state = new OpenAIStreamState(context);
    expect(() =>
      state.push({ error: { message: 'slow down', code: 'rate_limit_exceeded' } }),
    ).toThrow(RateLimitError);
    expect(() => state.push([1, 2])).toThrow(InvalidResponseError);
  });

  it('survives chunks without choices or with odd fields', () => {
    const events = run([
      { choices: 'nope' },
      { id: 'c', choices: [{ index: 0, delta: null }] },
      chunk({}, 'stop'),
    ]);
    expect(events[0]).toEqual({ type: 'start', id: '', model: '', warnings: [] });
    expect(events.map((e) => e.type)).toEqual(['start', 'finish']);
  });
});

/** The state's pending tool calls: a Map, so its size is the work the finish will do. */
function pendingCalls(state: OpenAIStreamState): number {
  const calls = (state as unknown as { toolCalls: unknown }).toolCalls;
  expect(calls).toBeInstanceOf(Map);
  return (calls as Map<number, unknown>).size;
}

const callChunk = (part: Record<string, unknown>) =>
  chunk({ tool_calls: [{ function: { name: 'f', arguments: '{}' }, ...part }] });

describe('OpenAIStreamState against hostile tool call indexes', () => {
  it('keeps a tool call at wire index 1e9 as one pending call, emitted at position 0', () => {
    const state = new OpenAIStreamState(context);
    const started = state.push(callChunk({ index: 1e9, id: 'a' }));
    // Before the Map, this left an array of length 1e9 + 1 that the finish walked for 35 s.
    expect(pendingCalls(state)).toBe(1);
    expect(started).toContainEqual({ type: 'tool-call-start', index: 0, id: 'a', name: 'f' });
    const events = [...state.push(chunk({}, 'tool_calls')), ...state.finish()];
    expect(events.filter((e) => e.type === 'tool-call')).toEqual([
      {
        type: 'tool-call',
        index: 0,
        toolCall: { id: 'a', name: 'f', arguments: {}, rawArguments: '{}' },
      },
    ]);
  });

  it('numbers calls by arrival whatever their wire indexes, appending index-less fragments', () => {
    const events = run([
      callChunk({ index: 7, id: 'a' }),
      callChunk({ index: 1e9, id: 'b', function: { name: 'g', arguments: '{"x":' } }),
      chunk({ tool_calls: [{ function: { arguments: '1}' } }] }),
      chunk({}, 'tool_calls'),
    ]);
    const calls = events.flatMap((e) =>
      e.type === 'tool-call' ? [[e.index, e.toolCall.id, e.toolCall.rawArguments]] : [],
    );
    expect(calls).toEqual([
      [0, 'a', '{}'],
      [1, 'b', '{"x":1}'],
    ]);
  });

  it.each([-1, 1.5, 2 ** 53, Infinity, '1', true])(
    'rejects a tool call index of %p with InvalidResponseError',
    (index) => {
      const state = new OpenAIStreamState(context);
      expect(() => state.push(callChunk({ index, id: 'a' }))).toThrow(
        /tool call index is not a non-negative integer/,
      );
      expect(() => new OpenAIStreamState(context).push(callChunk({ index }))).toThrow(
        InvalidResponseError,
      );
    },
  );

  it('takes a null index as no index (a few compatible servers send it)', () => {
    const events = run([callChunk({ index: null, id: 'a' }), chunk({}, 'tool_calls')]);
    expect(events.filter((e) => e.type === 'tool-call')).toHaveLength(1);
  });

  it(`fails with InvalidResponseError past ${MAX_TOOL_CALLS_PER_RESPONSE} tool calls, holding no more`, () => {
    const state = new OpenAIStreamState(context);
    for (let i = 0; i < MAX_TOOL_CALLS_PER_RESPONSE; i++) {
      state.push(callChunk({ index: i * 1_000_000, id: `c${i}` }));
    }
    expect(pendingCalls(state)).toBe(MAX_TOOL_CALLS_PER_RESPONSE);
    const over = () => state.push(callChunk({ index: 1e12, id: 'one-too-many' }));
    expect(over).toThrow(InvalidResponseError);
    expect(over).toThrow(/more than 256 tool calls/);
    expect(pendingCalls(state)).toBe(MAX_TOOL_CALLS_PER_RESPONSE);
  });

  it('still accepts fragments of a known call at the limit', () => {
    const state = new OpenAIStreamState(context);
    for (let i = 0; i < MAX_TOOL_CALLS_PER_RESPONSE; i++) state.push(callChunk({ index: i }));
    expect(() => state.push(callChunk({ index: 0 }))).not.toThrow();
  });
});

describe('OpenAIStreamState against impossible usage', () => {
  let emitWarning: jest.SpyInstance;
  beforeEach(() => {
    emitWarning = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
  });
  afterEach(() => emitWarning.mockRestore());

  it.each([-1e12, NaN, Infinity])(
    'reports usage of %p tokens as 0 and warns, naming the provider',
    (tokens) => {
      const state = new OpenAIStreamState({ provider: 'groq', secrets: [] });
      const events = run(
        [
          chunk({ content: 'Hi' }),
          chunk({}, 'stop', {
            usage: {
              prompt_tokens: tokens,
              completion_tokens: tokens,
              total_tokens: tokens,
              prompt_tokens_details: { cached_tokens: tokens },
              completion_tokens_details: { reasoning_tokens: tokens },
            },
          }),
        ],
        state,
      );
      const zero = { inputTokens: 0, outputTokens: 0, totalTokens: 0 };
      expect(events).toContainEqual({ type: 'usage', usage: zero });
      expect(events.at(-1)).toMatchObject({ type: 'finish', usage: zero });
      expect(emitWarning).toHaveBeenCalledWith(
        expect.stringMatching(/^groq reported impossible token counts \(prompt_tokens: /),
        { code: 'CONDUIT_INVALID_USAGE' },
      );
    },
  );

  it('reads impossible usage nested in x_groq the same way', () => {
    const events = run([
      chunk({}, 'stop', { x_groq: { usage: { prompt_tokens: -1e12, completion_tokens: 4 } } }),
    ]);
    expect(events.at(-1)).toMatchObject({
      usage: { inputTokens: 0, outputTokens: 4, totalTokens: 4 },
    });
    expect(emitWarning).toHaveBeenCalledTimes(1);
  });
});
