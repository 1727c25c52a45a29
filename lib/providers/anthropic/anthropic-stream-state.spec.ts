import { InvalidResponseError, type StreamEvent } from '../../core';
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
