import { from, lastValueFrom, mergeMap } from 'rxjs';
import {
  InvalidResponseError,
  ProviderError,
  RateLimitError,
  ServerError,
  type StreamEvent,
} from '../../core';
import { collectStream } from '../../streaming/collect-stream';
import { convertToResponsesInput } from './convert-to-responses-input';
import { mapResponsesResponse } from './map-responses-response';
import { MAX_TOOL_CALLS_PER_RESPONSE } from '../shared/stream-limits';
import { ResponsesStreamState } from './responses-stream-state';

const DONE_ITEM = {
  type: 'reasoning',
  id: 'rs_1',
  summary: [
    { type: 'summary_text', text: 'First.' },
    { type: 'summary_text', text: 'Second.' },
  ],
  encrypted_content: 'gAAAA',
};

const CONTEXT = { provider: 'openai', secrets: ['sk-secret-value-123'] };
const CREATED = { type: 'response.created', response: { id: 'resp_1', model: 'gpt-5' } };
const completed = (response: Record<string, unknown> = {}) => ({
  type: 'response.completed',
  response: {
    id: 'resp_1',
    status: 'completed',
    usage: { input_tokens: 5, output_tokens: 7, total_tokens: 12 },
    ...response,
  },
});

function run(payloads: readonly unknown[]): StreamEvent[] {
  const state = new ResponsesStreamState(CONTEXT);
  const events = payloads.flatMap((p) => state.handle(p));
  state.end();
  return events;
}

describe('ResponsesStreamState', () => {
  it('streams refusals as refusal deltas', () => {
    const events = run([
      CREATED,
      { type: 'response.refusal.delta', delta: "I can't" },
      { type: 'response.refusal.delta', delta: ' help.' },
      completed(),
    ]);
    expect(
      events.filter((e) => e.type === 'refusal-delta').map((e) => (e as { delta: string }).delta),
    ).toEqual(["I can't", ' help.']);
  });

  it('maps an incomplete response to a length finish with the raw reason', () => {
    const events = run([
      CREATED,
      { type: 'response.output_text.delta', delta: 'Once upon' },
      {
        type: 'response.incomplete',
        response: { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } },
      },
    ]);
    expect(events[events.length - 1]).toMatchObject({
      type: 'finish',
      finishReason: 'length',
      rawFinishReason: 'max_output_tokens',
      usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 },
    });
  });

  it('completes a function call whose output_item.done never came from its streamed text', () => {
    const events = run([
      CREATED,
      {
        type: 'response.output_item.added',
        output_index: 0,
        item: { type: 'function_call', call_id: 'call_a', name: 'f', arguments: '{"a"' },
      },
      { type: 'response.function_call_arguments.delta', output_index: 0, delta: ':1}' },
      // Deltas of items never announced are ignored.
      { type: 'response.function_call_arguments.delta', output_index: 5, delta: 'x' },
      completed(),
    ]);
    expect(events.filter((e) => e.type === 'tool-call-delta')).toHaveLength(2);
    expect(events.find((e) => e.type === 'tool-call')).toEqual({
      type: 'tool-call',
      index: 0,
      toolCall: { id: 'call_a', name: 'f', arguments: { a: 1 }, rawArguments: '{"a":1}' },
    });
    expect(events[events.length - 1]).toMatchObject({ finishReason: 'tool_calls' });
  });

  it('closes a reasoning part with the item id and the encrypted reasoning', async () => {
    const events = run([
      CREATED,
      {
        type: 'response.output_item.added',
        output_index: 0,
        item: { type: 'reasoning', id: 'rs_1' },
      },
      { type: 'response.reasoning_summary_part.added', summary_index: 0 },
      { type: 'response.reasoning_summary_text.delta', delta: 'First.' },
      { type: 'response.reasoning_summary_part.added', summary_index: 1 },
      { type: 'response.reasoning_summary_text.delta', delta: 'Second.' },
      { type: 'response.output_item.done', output_index: 0, item: DONE_ITEM },
      { type: 'response.output_text.delta', delta: 'Done' },
      completed(),
    ]);
    const answer = await lastValueFrom(from(events).pipe(collectStream()));
    // The encrypted reasoning is a part of its own, exactly as the non-streamed mapping gives it.
    expect(answer.content).toEqual([
      { type: 'reasoning', text: 'First.\n\nSecond.', signature: 'rs_1' },
      { type: 'reasoning', text: '', signature: 'rs_1', redactedData: 'gAAAA' },
      { type: 'text', text: 'Done' },
    ]);
    const whole = mapResponsesResponse({ status: 'completed', output: [DONE_ITEM] }, 'openai');
    expect(whole.content).toEqual(answer.content.slice(0, 2));
    // Sent back on the next turn, the parts of one id become one reasoning item.
    expect(convertToResponsesInput([answer.message])).toEqual([
      {
        type: 'reasoning',
        id: 'rs_1',
        summary: [{ type: 'summary_text', text: 'First.\n\nSecond.' }],
        encrypted_content: 'gAAAA',
      },
      { role: 'assistant', content: 'Done' },
    ]);
  });

  it('throws the typed error of a top-level error event', () => {
    const state = new ResponsesStreamState(CONTEXT);
    state.handle(CREATED);
    expect(() =>
      state.handle({
        type: 'error',
        code: 'rate_limit_exceeded',
        message: 'Slow down',
        param: null,
        sequence_number: 3,
      }),
    ).toThrow(RateLimitError);
  });

  it('throws the error of response.failed, or a generic one when it has none', () => {
    const state = new ResponsesStreamState(CONTEXT);
    expect(() =>
      state.handle({
        type: 'response.failed',
        response: { error: { code: 'server_error', message: 'boom' } },
      }),
    ).toThrow(ServerError);
    expect(() => new ResponsesStreamState(CONTEXT).handle({ type: 'response.failed' })).toThrow(
      ProviderError,
    );
    expect(() =>
      new ResponsesStreamState(CONTEXT).handle({ type: 'error', error: 'plain text' }),
    ).toThrow(/plain text/);
  });

  it('ignores events after the terminal one and payloads that are not objects', () => {
    const state = new ResponsesStreamState(CONTEXT);
    expect(state.handle('noise')).toEqual([]);
    state.handle(CREATED);
    state.handle(completed());
    expect(state.done).toBe(true);
    expect(state.handle({ type: 'response.output_text.delta', delta: 'late' })).toEqual([]);
  });

  it('starts with empty ids when response.created is missing', () => {
    const events = run([{ type: 'response.output_text.delta', delta: 'x' }, completed()]);
    expect(events[0]).toEqual({ type: 'start', id: '', model: '', warnings: [] });
  });

  it('refuses to end before the terminal event', () => {
    const state = new ResponsesStreamState(CONTEXT);
    state.handle(CREATED);
    expect(() => state.end()).toThrow(InvalidResponseError);
  });

  it('keeps working through an Observable pipeline', async () => {
    const events = await lastValueFrom(
      from([[CREATED, { type: 'response.output_text.delta', delta: 'Hi' }, completed()]]).pipe(
        mergeMap((payloads) => from(run(payloads))),
        collectStream(),
      ),
    );
    expect(events).toMatchObject({ text: 'Hi', finishReason: 'stop', usage: { totalTokens: 12 } });
  });
});

const callAdded = (outputIndex: unknown, id = 'call_a') => ({
  type: 'response.output_item.added',
  output_index: outputIndex,
  item: { type: 'function_call', call_id: id, name: 'f', arguments: '' },
});

/** The state's pending function calls (a Map keyed by output_index). */
function pendingCalls(state: ResponsesStreamState): number {
  return (state as unknown as { calls: Map<number, unknown> }).calls.size;
}

describe('ResponsesStreamState against hostile output indexes', () => {
  it('keys an output_index of 1e9 in its Map: the tool call is position 0', () => {
    const events = run([
      CREATED,
      callAdded(1e9),
      { type: 'response.function_call_arguments.delta', output_index: 1e9, delta: '{"a":1}' },
      completed(),
    ]);
    expect(events.find((e) => e.type === 'tool-call')).toEqual({
      type: 'tool-call',
      index: 0,
      toolCall: { id: 'call_a', name: 'f', arguments: { a: 1 }, rawArguments: '{"a":1}' },
    });
  });

  it.each([-1, 0.5, 2 ** 53, '0', true])(
    'rejects an output_index of %p with InvalidResponseError',
    (index) => {
      expect(() => run([CREATED, callAdded(index)])).toThrow(
        /output_index is not a non-negative integer/,
      );
      const delta = { type: 'response.function_call_arguments.delta', output_index: index };
      expect(() => run([CREATED, callAdded(0), { ...delta, delta: 'x' }])).toThrow(
        InvalidResponseError,
      );
      const done = {
        type: 'response.output_item.done',
        output_index: index,
        item: { type: 'function_call', call_id: 'call_a', name: 'f', arguments: '{}' },
      };
      expect(() => run([CREATED, callAdded(0), done])).toThrow(InvalidResponseError);
    },
  );

  it(`fails past ${MAX_TOOL_CALLS_PER_RESPONSE} function calls, holding no more`, () => {
    const state = new ResponsesStreamState(CONTEXT);
    state.handle(CREATED);
    for (let i = 0; i < MAX_TOOL_CALLS_PER_RESPONSE; i++) state.handle(callAdded(i, `call_${i}`));
    expect(pendingCalls(state)).toBe(MAX_TOOL_CALLS_PER_RESPONSE);
    const over = () => state.handle(callAdded(MAX_TOOL_CALLS_PER_RESPONSE));
    expect(over).toThrow(InvalidResponseError);
    expect(over).toThrow(/more than 256 tool calls/);
    expect(pendingCalls(state)).toBe(MAX_TOOL_CALLS_PER_RESPONSE);
  });
});

describe('ResponsesStreamState against impossible usage', () => {
  let emitWarning: jest.SpyInstance;
  beforeEach(() => {
    emitWarning = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
  });
  afterEach(() => emitWarning.mockRestore());

  it.each([-1e12, NaN, Infinity])(
    'counts %p tokens in response.completed as 0, with a warning',
    (tokens) => {
      const events = run([
        CREATED,
        completed({
          usage: {
            input_tokens: tokens,
            output_tokens: tokens,
            total_tokens: tokens,
            input_tokens_details: { cached_tokens: tokens },
            output_tokens_details: { reasoning_tokens: tokens },
          },
        }),
      ]);
      const zero = { inputTokens: 0, outputTokens: 0, totalTokens: 0 };
      expect(events).toContainEqual({ type: 'usage', usage: zero });
      expect(events.at(-1)).toMatchObject({ type: 'finish', usage: zero });
      expect(emitWarning).toHaveBeenCalledWith(
        expect.stringMatching(/^openai reported impossible token counts/),
        { code: 'CONDUIT_INVALID_USAGE' },
      );
    },
  );
});
