import fc from 'fast-check';
import { from, lastValueFrom, throwError, concat } from 'rxjs';
import { ConduitError, InvalidResponseError, ServerError, type StreamEvent } from '../core';
import { readFixtureJson } from '../../test/support/fixtures';
import { ReplayServer } from '../../test/support/replay-server';
import { OpenAIChatModel } from '../providers/openai/openai-chat-model';
import { mapOpenAIResponse } from '../providers/openai/map-openai-response';
import {
  collectStream,
  EMPTY_COLLECTED_STREAM,
  reduceStreamEvent,
  toChatResponse,
} from './collect-stream';

const usage = { inputTokens: 1, outputTokens: 2, totalTokens: 3 };
const start: StreamEvent = { type: 'start', id: 'r1', model: 'm1', warnings: [] };
const finish = (finishReason: 'stop' | 'tool_calls' = 'stop'): StreamEvent => ({
  type: 'finish',
  finishReason,
  rawFinishReason: finishReason,
  usage,
  providerMetadata: { acme: { tier: 'x' } },
});
const collect = (events: readonly StreamEvent[]) =>
  lastValueFrom(from(events).pipe(collectStream()));

describe('collectStream', () => {
  it('joins text deltas into one part and reports finish data', async () => {
    const response = await collect([
      start,
      { type: 'text-delta', delta: 'Hel' },
      { type: 'text-delta', delta: '' },
      { type: 'text-delta', delta: 'lo' },
      { type: 'usage', usage },
      finish(),
    ]);
    expect(response).toEqual({
      id: 'r1',
      model: 'm1',
      text: 'Hello',
      content: [{ type: 'text', text: 'Hello' }],
      toolCalls: [],
      finishReason: 'stop',
      rawFinishReason: 'stop',
      usage,
      message: { role: 'assistant', content: 'Hello' },
      warnings: [],
      providerMetadata: { acme: { tier: 'x' } },
    });
  });

  it('keeps reasoning parts in order with their signature and redacted blocks', async () => {
    const response = await collect([
      start,
      { type: 'reasoning-delta', delta: 'Let me ' },
      { type: 'reasoning-delta', delta: 'think.' },
      { type: 'reasoning-delta', delta: '', signature: 'sig-1' },
      { type: 'reasoning-delta', delta: '', redactedData: 'opaque-1' },
      { type: 'reasoning-delta', delta: '', redactedData: 'opaque-2' },
      { type: 'text-delta', delta: 'Answer' },
      { type: 'reasoning-delta', delta: 'More' },
      { type: 'text-delta', delta: '!' },
      finish(),
    ]);
    expect(response.content).toEqual([
      { type: 'reasoning', text: 'Let me think.', signature: 'sig-1' },
      { type: 'reasoning', text: '', redactedData: 'opaque-1' },
      { type: 'reasoning', text: '', redactedData: 'opaque-2' },
      { type: 'text', text: 'Answer' },
      { type: 'reasoning', text: 'More' },
      { type: 'text', text: '!' },
    ]);
    expect(response.text).toBe('Answer!');
    expect(response.message.content).toEqual(response.content);
  });

  it('a signed delta after a closed block starts a new reasoning part', async () => {
    const response = await collect([
      start,
      { type: 'reasoning-delta', delta: 'a', signature: 's1' },
      { type: 'reasoning-delta', delta: 'b', signature: 's2' },
      finish(),
    ]);
    expect(response.content).toEqual([
      { type: 'reasoning', text: 'a', signature: 's1' },
      { type: 'reasoning', text: 'b', signature: 's2' },
    ]);
  });

  it('orders tool calls by index, keeps the last event per index and notes invalid arguments', async () => {
    const call = (id: string, rawArguments: string, args: Record<string, unknown> = {}) => ({
      id,
      name: 'f',
      arguments: args,
      rawArguments,
    });
    const response = await collect([
      { ...start, warnings: [{ setting: 'seed', message: 'unsupported' }] },
      { type: 'tool-call-start', index: 1, id: 'b', name: 'f' },
      { type: 'tool-call-delta', index: 1, id: 'b', argumentsDelta: '{"cut' },
      { type: 'tool-call', index: 1, toolCall: call('b', '{"cut') },
      { type: 'tool-call', index: 0, toolCall: call('old', '{}') },
      { type: 'tool-call', index: 0, toolCall: call('a', '{"x":1}', { x: 1 }) },
      finish('tool_calls'),
    ]);
    expect(response.toolCalls.map((c) => c.id)).toEqual(['a', 'b']);
    expect(response.message.toolCalls).toEqual(response.toolCalls);
    expect(response.warnings).toEqual([
      { setting: 'seed', message: 'unsupported' },
      { setting: 'toolCalls', message: expect.stringContaining('b (f)') },
    ]);
  });

  it('gathers a refusal', async () => {
    const response = await collect([
      start,
      { type: 'refusal-delta', delta: 'No' },
      { type: 'refusal-delta', delta: '.' },
      finish(),
    ]);
    expect(response.refusal).toBe('No.');
  });

  it('fails when the stream completes without finish, or is empty', async () => {
    await expect(collect([start, { type: 'text-delta', delta: 'x' }])).rejects.toBeInstanceOf(
      InvalidResponseError,
    );
    await expect(collect([])).rejects.toThrow('without a finish event');
  });

  it('turns an error event into a ConduitError and passes stream errors through', async () => {
    const error = await collect([
      start,
      { type: 'error', error: { name: 'ServerError', message: 'overloaded', isRetryable: true } },
    ]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConduitError);
    expect(error).toMatchObject({ message: 'overloaded', isRetryable: true });
    const failure = new ServerError('down', { provider: 'acme' });
    await expect(
      lastValueFrom(
        concat(
          from([start]),
          throwError(() => failure),
        ).pipe(collectStream()),
      ),
    ).rejects.toBe(failure);
  });

  it('reduceStreamEvent is pure: the previous state is untouched', () => {
    const first = reduceStreamEvent(EMPTY_COLLECTED_STREAM, start);
    const second = reduceStreamEvent(first, { type: 'text-delta', delta: 'a' });
    reduceStreamEvent(second, { type: 'text-delta', delta: 'b' });
    expect(first.content).toEqual([]);
    expect(second.content).toEqual([{ type: 'text', text: 'a' }]);
    expect(() => toChatResponse(second)).toThrow(InvalidResponseError);
  });
});

describe('collectStream joins runs of text deltas before reducing', () => {
  it('gives exactly what reducing every event one by one gives, for any mix of deltas', async () => {
    const delta = fc.oneof(
      fc.string({ maxLength: 4 }).map((text): StreamEvent => ({ type: 'text-delta', delta: text })),
      fc
        .string({ maxLength: 4 })
        .map((text): StreamEvent => ({ type: 'reasoning-delta', delta: text })),
      fc.constant<StreamEvent>({ type: 'reasoning-delta', delta: '', signature: 'sig' }),
      fc
        .string({ maxLength: 4 })
        .map((text): StreamEvent => ({ type: 'refusal-delta', delta: text })),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(delta, { maxLength: 30 }), async (middle) => {
        const events = [start, ...middle, finish()];
        const oneByOne = toChatResponse(events.reduce(reduceStreamEvent, EMPTY_COLLECTED_STREAM));
        expect(await collect(events)).toEqual(oneByOne);
      }),
    );
  });
});

describe('collectStream on recorded OpenAI answers equals the non-streamed mapping', () => {
  let server: ReplayServer;
  let model: OpenAIChatModel;
  const request = { messages: [{ role: 'user' as const, content: 'Hi' }] };

  beforeAll(async () => {
    server = await ReplayServer.start();
    model = new OpenAIChatModel({
      model: 'gpt-4o',
      apiKey: 'sk-test-abcdef',
      baseUrl: server.baseUrl,
    });
  });
  afterAll(() => server.close());

  it('chat-tool-calls-parallel: stream and JSON agree on tool calls, finish reason and shape', async () => {
    server.enqueue({ fixture: 'openai/chat-tool-calls-parallel.stream.txt', chunkSize: 3 });
    const streamed = await lastValueFrom(model.stream(request).pipe(collectStream()));
    const json = mapOpenAIResponse(
      readFixtureJson('openai/chat-tool-calls-parallel.json'),
      'openai',
    );
    const withoutIds = (calls: typeof json.toolCalls) => calls.map(({ id: _id, ...rest }) => rest);
    expect(withoutIds(streamed.toolCalls)).toEqual(withoutIds(json.toolCalls));
    expect([streamed.finishReason, streamed.rawFinishReason]).toEqual([
      json.finishReason,
      json.rawFinishReason,
    ]);
    expect(Object.keys(streamed).sort()).toEqual(Object.keys(json).sort());
    expect({
      ...streamed.message,
      toolCalls: withoutIds(streamed.message.toolCalls ?? []),
    }).toEqual({
      ...json.message,
      toolCalls: withoutIds(json.message.toolCalls ?? []),
    });
  });

  it('chat-text: the streamed text answer has the JSON answer shape', async () => {
    server.enqueue({ fixture: 'openai/chat-text.stream.txt', chunkSize: 11 });
    const streamed = await lastValueFrom(model.stream(request).pipe(collectStream()));
    const json = mapOpenAIResponse(readFixtureJson('openai/chat-text.json'), 'openai');
    expect(Object.keys(streamed).sort()).toEqual(Object.keys(json).sort());
    expect(streamed.content).toEqual([{ type: 'text', text: streamed.text }]);
    expect(streamed.message).toEqual({ role: 'assistant', content: streamed.text });
    expect(typeof json.message.content).toBe('string');
    expect(Object.keys(streamed.usage).sort()).toEqual(Object.keys(json.usage).sort());
    expect(Object.keys(streamed.providerMetadata['openai'] ?? {})).toEqual(
      Object.keys(json.providerMetadata['openai'] ?? {}),
    );
  });
});
