import { InvalidResponseError, type StreamEvent } from '../../core';
import { MAX_TOOL_CALLS_PER_RESPONSE } from '../shared/stream-limits';
import { AnthropicStreamState } from './anthropic-stream-state';

const start = {
  type: 'message_start',
  message: { id: 'msg_1', model: 'claude-x', usage: { input_tokens: 3, output_tokens: 1 } },
};
const stop = { type: 'message_stop' };

function run(...payloads: unknown[]): StreamEvent[] {
  const state = new AnthropicStreamState({ secrets: [], requestId: 'req_1' });
  const events = payloads.flatMap((p) => state.push(p));
  return [...events, ...state.finish()];
}

function failure(...payloads: unknown[]): unknown {
  try {
    run(...payloads);
  } catch (error) {
    return error;
  }
  throw new Error('expected the stream to fail');
}

describe('AnthropicStreamState', () => {
  it('passes request warnings on in the start event', () => {
    const state = new AnthropicStreamState({ secrets: [] }, [
      { setting: 'seed', message: 'not sent' },
    ]);
    expect(state.push(start)).toEqual([
      {
        type: 'start',
        id: 'msg_1',
        model: 'claude-x',
        warnings: [{ setting: 'seed', message: 'not sent' }],
      },
    ]);
  });

  it('reports a stream without message_delta as finish reason other, with the start usage', () => {
    const events = run(start, stop);
    expect(events.at(-1)).toEqual({
      type: 'finish',
      finishReason: 'other',
      rawFinishReason: null,
      usage: { inputTokens: 3, outputTokens: 1, totalTokens: 4 },
      providerMetadata: {},
    });
  });

  it('emits text and thinking already present in content_block_start', () => {
    const events = run(
      start,
      {
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'thinking', thinking: 'pre', signature: '' },
      },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'text', text: 'Hi' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: '' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'citations_delta', citation: {} } },
      { type: 'content_block_stop', index: 1 },
      stop,
    );
    expect(events.slice(1, 3)).toEqual([
      { type: 'reasoning-delta', delta: 'pre' },
      { type: 'text-delta', delta: 'Hi' },
    ]);
  });

  it('uses the input of content_block_start when no input_json_delta follows', () => {
    const events = run(
      start,
      {
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'tool_use', id: 'toolu_1', name: 'lookup', input: { q: 'x' } },
      },
      { type: 'content_block_stop', index: 0 },
      stop,
    );
    expect(events).toContainEqual({
      type: 'tool-call',
      index: 0,
      toolCall: { id: 'toolu_1', name: 'lookup', arguments: { q: 'x' }, rawArguments: '{"q":"x"}' },
    });
  });

  it('keeps arguments that are not JSON in rawArguments and gives {} (a stream cut by max_tokens)', () => {
    const events = run(
      start,
      {
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'tool_use', id: 't', name: 'n', input: {} },
      },
      {
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'input_json_delta', partial_json: '{"a": ' },
      },
      { type: 'content_block_stop', index: 0 },
      stop,
    );
    expect(events).toContainEqual({
      type: 'tool-call',
      index: 0,
      toolCall: { id: 't', name: 'n', arguments: {}, rawArguments: '{"a": ' },
    });
  });

  it('skips server-tool blocks, unknown events and everything after message_stop', () => {
    const events = run(
      start,
      {
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'server_tool_use', id: 's', name: 'web_search' },
      },
      {
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'input_json_delta', partial_json: '{"q":1}' },
      },
      { type: 'content_block_stop', index: 0 },
      { type: 'a_future_event' },
      stop,
      { type: 'content_block_start', index: 1, content_block: { type: 'text', text: 'late' } },
      '[DONE]',
    );
    expect(events.map((e) => e.type)).toEqual(['start', 'usage', 'finish']);
  });

  it('fails with InvalidResponseError on payloads out of order or malformed', () => {
    const text = {
      type: 'content_block_delta',
      index: 0,
      delta: { type: 'text_delta', text: 'x' },
    };
    expect(failure(text)).toBeInstanceOf(InvalidResponseError);
    expect(failure(start, start)).toBeInstanceOf(InvalidResponseError);
    expect(failure(start, text)).toBeInstanceOf(InvalidResponseError);
    expect(failure(start, { type: 'content_block_delta', index: 0 })).toBeInstanceOf(
      InvalidResponseError,
    );
    expect(failure(start, 42)).toBeInstanceOf(InvalidResponseError);
    const cut = failure(start) as InvalidResponseError;
    expect(cut).toBeInstanceOf(InvalidResponseError);
    expect(cut.requestId).toBe('req_1');
  });

  it('fails with the mapped error of an error event, even before message_start', () => {
    expect(
      failure({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }),
    ).toMatchObject({
      name: 'ServerError',
      isRetryable: true,
      requestId: 'req_1',
    });
  });

  it('reads a message_start without message or usage, and blocks without index', () => {
    const events = run(
      { type: 'message_start' },
      { type: 'content_block_start', content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'ok' } },
      { type: 'content_block_stop' },
      { type: 'message_delta', usage: { output_tokens: 2 } },
      stop,
    );
    expect(events[0]).toEqual({ type: 'start', id: '', model: '', warnings: [] });
    expect(events).toContainEqual({ type: 'text-delta', delta: 'ok' });
    expect(events.at(-1)).toMatchObject({
      usage: { inputTokens: 0, outputTokens: 2, totalTokens: 2 },
    });
  });
});

const toolStart = (index: unknown, id = 'toolu_1') => ({
  type: 'content_block_start',
  index,
  content_block: { type: 'tool_use', id, name: 'f', input: {} },
});
const blockStop = (index: unknown) => ({ type: 'content_block_stop', index });

/** The state's open content blocks (a Map keyed by block index). */
function openBlocks(state: AnthropicStreamState): number {
  return (state as unknown as { blocks: Map<number, unknown> }).blocks.size;
}

describe('AnthropicStreamState against hostile block indexes', () => {
  it('keys a block index of 1e9 in its Map: the tool call is position 0', () => {
    const events = run(
      start,
      toolStart(1e9),
      {
        type: 'content_block_delta',
        index: 1e9,
        delta: { type: 'input_json_delta', partial_json: '{"a":1}' },
      },
      blockStop(1e9),
      stop,
    );
    expect(events.filter((e) => e.type === 'tool-call')).toEqual([
      {
        type: 'tool-call',
        index: 0,
        toolCall: { id: 'toolu_1', name: 'f', arguments: { a: 1 }, rawArguments: '{"a":1}' },
      },
    ]);
  });

  it.each([-1, 0.5, 2 ** 53, '0', true])(
    'rejects a content block index of %p with InvalidResponseError',
    (index) => {
      const delta = { type: 'input_json_delta', partial_json: '{}' };
      for (const payload of [
        toolStart(index),
        { type: 'content_block_delta', index, delta },
        blockStop(index),
      ]) {
        const state = new AnthropicStreamState({ secrets: [] });
        state.push(start);
        state.push(toolStart(0));
        const push = () => state.push(payload);
        expect(push).toThrow(InvalidResponseError);
        expect(push).toThrow(/content block index is not a non-negative integer/);
      }
    },
  );

  it(`fails past ${MAX_TOOL_CALLS_PER_RESPONSE} tool calls, even when each block is closed`, () => {
    const state = new AnthropicStreamState({ secrets: [] });
    state.push(start);
    for (let i = 0; i < MAX_TOOL_CALLS_PER_RESPONSE; i++) {
      state.push(toolStart(i, `toolu_${i}`));
      state.push(blockStop(i));
    }
    const over = () => state.push(toolStart(MAX_TOOL_CALLS_PER_RESPONSE));
    expect(over).toThrow(InvalidResponseError);
    expect(over).toThrow(/more than 256 tool calls/);
  });

  it(`fails when more than ${MAX_TOOL_CALLS_PER_RESPONSE} blocks are open at once`, () => {
    const state = new AnthropicStreamState({ secrets: [] });
    state.push(start);
    const text = (index: number) => ({
      type: 'content_block_start',
      index,
      content_block: { type: 'text', text: '' },
    });
    for (let i = 0; i < MAX_TOOL_CALLS_PER_RESPONSE; i++) state.push(text(i * 1e6));
    expect(openBlocks(state)).toBe(MAX_TOOL_CALLS_PER_RESPONSE);
    expect(() => state.push(text(1e12))).toThrow(/content blocks are open at once/);
    expect(openBlocks(state)).toBe(MAX_TOOL_CALLS_PER_RESPONSE);
  });
});

describe('AnthropicStreamState against impossible usage', () => {
  let emitWarning: jest.SpyInstance;
  beforeEach(() => {
    emitWarning = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
  });
  afterEach(() => emitWarning.mockRestore());

  it.each([-1e12, NaN, Infinity])(
    'counts %p tokens in message_start or message_delta as 0, with a warning',
    (tokens) => {
      const events = run(
        {
          type: 'message_start',
          message: {
            id: 'msg_1',
            model: 'claude-x',
            usage: { input_tokens: tokens, cache_read_input_tokens: tokens, output_tokens: 1 },
          },
        },
        {
          type: 'message_delta',
          delta: { stop_reason: 'end_turn' },
          usage: { output_tokens: tokens, cache_creation_input_tokens: tokens },
        },
        stop,
      );
      const zero = { inputTokens: 0, outputTokens: 0, totalTokens: 0 };
      expect(events).toContainEqual({ type: 'usage', usage: zero });
      expect(events.at(-1)).toMatchObject({ type: 'finish', usage: zero });
      expect(emitWarning).toHaveBeenCalledWith(
        expect.stringMatching(/^anthropic reported impossible token counts/),
        { code: 'CONDUIT_INVALID_USAGE' },
      );
    },
  );
});
