import type { StreamEvent } from '../../core';
import type { AiSdkStreamPart } from './ai-sdk-spec.types';
import { AiSdkStreamState } from './ai-sdk-stream-state';

function run(parts: readonly AiSdkStreamPart[]): { events: StreamEvent[]; error?: unknown } {
  const state = new AiSdkStreamState('model-x');
  const events: StreamEvent[] = [];
  for (const part of parts) {
    const step = state.next(part);
    events.push(...step.events);
    if ('error' in step) return { events, error: step.error };
  }
  return { events };
}

const usageV3 = {
  inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 5, text: 5, reasoning: undefined },
};

describe('AiSdkStreamState', () => {
  it('starts with the response metadata and the stream-start warnings, then text and finish', () => {
    const { events } = run([
      { type: 'stream-start', warnings: [{ type: 'unsupported', feature: 'seed' }] },
      { type: 'response-metadata', id: 'resp-1', modelId: 'model-x-2025' },
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'Hel' },
      { type: 'text-delta', id: 't', delta: '' },
      { type: 'text-delta', id: 't', delta: 'lo' },
      { type: 'text-end', id: 't' },
      {
        type: 'finish',
        usage: usageV3,
        finishReason: { unified: 'stop', raw: 'stop' },
        providerMetadata: { p: { a: 1 } },
      },
    ]);
    const usage = { inputTokens: 10, outputTokens: 5, totalTokens: 15 };
    expect(events).toEqual([
      {
        type: 'start',
        id: 'resp-1',
        model: 'model-x-2025',
        warnings: [{ setting: 'seed', message: 'seed is not supported by this model' }],
      },
      { type: 'text-delta', delta: 'Hel' },
      { type: 'text-delta', delta: 'lo' },
      { type: 'usage', usage },
      {
        type: 'finish',
        finishReason: 'stop',
        rawFinishReason: 'stop',
        usage,
        providerMetadata: { p: { a: 1 } },
      },
    ]);
  });

  it('emits start before the first content when no response metadata came', () => {
    const { events } = run([
      { type: 'stream-start', warnings: [] },
      { type: 'reasoning-start', id: 'r' },
      { type: 'reasoning-delta', id: 'r', delta: 'hmm' },
    ]);
    expect(events).toEqual([
      { type: 'start', id: '', model: 'model-x', warnings: [] },
      { type: 'reasoning-delta', delta: 'hmm' },
    ]);
  });

  it('passes a reasoning signature on its own event, sent on a delta or on reasoning-end', () => {
    const { events } = run([
      { type: 'reasoning-start', id: 'r' },
      { type: 'reasoning-delta', id: 'r', delta: 'a' },
      {
        type: 'reasoning-delta',
        id: 'r',
        delta: '',
        providerMetadata: { anthropic: { signature: 'sig' } },
      },
      { type: 'reasoning-end', id: 'r' },
      { type: 'reasoning-start', id: 'r2' },
      { type: 'reasoning-end', id: 'r2', providerMetadata: { other: { signature: 'sig2' } } },
      { type: 'reasoning-start', id: 'r3', providerMetadata: { anthropic: { redactedData: 'x' } } },
    ]);
    expect(events.slice(1)).toEqual([
      { type: 'reasoning-delta', delta: 'a' },
      { type: 'reasoning-delta', delta: '', signature: 'sig' },
      { type: 'reasoning-delta', delta: '', signature: 'sig2' },
      { type: 'reasoning-delta', delta: '', redactedData: 'x' },
    ]);
  });

  it('indexes streamed tool calls in order and opens calls that came whole', () => {
    const { events } = run([
      { type: 'tool-input-start', id: 'c1', toolName: 'weather' },
      { type: 'tool-input-delta', id: 'c1', delta: '{"city":' },
      { type: 'tool-input-delta', id: 'c1', delta: '"Paris"}' },
      { type: 'tool-input-end', id: 'c1' },
      { type: 'tool-call', toolCallId: 'c1', toolName: 'weather', input: '{"city":"Paris"}' },
      { type: 'tool-call', toolCallId: 'c2', toolName: 'time', input: '' },
      {
        type: 'tool-call',
        toolCallId: 'srv',
        toolName: 'web_search',
        input: '{}',
        providerExecuted: true,
      },
    ]);
    expect(events.slice(1)).toEqual([
      { type: 'tool-call-start', index: 0, id: 'c1', name: 'weather' },
      { type: 'tool-call-delta', index: 0, id: 'c1', argumentsDelta: '{"city":' },
      { type: 'tool-call-delta', index: 0, id: 'c1', argumentsDelta: '"Paris"}' },
      {
        type: 'tool-call',
        index: 0,
        toolCall: {
          id: 'c1',
          name: 'weather',
          arguments: { city: 'Paris' },
          rawArguments: '{"city":"Paris"}',
        },
      },
      { type: 'tool-call-start', index: 1, id: 'c2', name: 'time' },
      {
        type: 'tool-call',
        index: 1,
        toolCall: { id: 'c2', name: 'time', arguments: {}, rawArguments: '' },
      },
    ]);
  });

  it('reads the V2 finish (flat usage, string reason)', () => {
    const state = new AiSdkStreamState('m');
    state.next({ type: 'response-metadata', id: 'r' });
    const { events } = state.next({
      type: 'finish',
      usage: { inputTokens: 3, outputTokens: 4, totalTokens: 7, cachedInputTokens: 2 },
      finishReason: 'tool-calls',
    });
    expect(state.isFinished).toBe(true);
    expect(events[1]).toEqual({
      type: 'finish',
      finishReason: 'tool_calls',
      rawFinishReason: 'tool-calls',
      usage: { inputTokens: 3, outputTokens: 4, totalTokens: 7, cacheReadTokens: 2 },
      providerMetadata: {},
    });
  });

  it('hands back the payload of an error part', () => {
    const payload = { message: 'overloaded' };
    const result = run([
      { type: 'text-delta', id: 't', delta: 'a' },
      { type: 'error', error: payload },
    ]);
    expect(result.error).toBe(payload);
    expect(result.events.map((event) => event.type)).toEqual(['start', 'text-delta']);
  });
});
