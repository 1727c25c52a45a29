import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lastValueFrom, toArray } from 'rxjs';
import type { ChatRequest, StreamEvent } from '../../core';
import { seededCuts } from '../../../test/support/fixtures';
import { useReplayServer } from '../../../test/support/replay-server';
import { mistralToolCallId } from './map-mistral-tool-call-id';
import { MistralChatModel } from './mistral-chat-model';

/** Hand-written from docs.mistral.ai (see test/fixtures/presets/README.md). */
const body = readFileSync(
  join(__dirname, '../../../test/fixtures/presets/mistral-tool-call.stream.txt'),
  'utf8',
);
const sse = { body, headers: { 'content-type': 'text/event-stream' } };

const WEATHER = {
  name: 'get_weather',
  description: 'Weather of a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

/** A conversation begun on OpenAI: its tool call id is not one Mistral takes. */
const HISTORY: ChatRequest = {
  messages: [
    { role: 'user', content: 'Weather in Lyon?' },
    {
      role: 'assistant',
      content: '',
      toolCalls: [
        {
          id: 'call_M26z19sncd7b4LBgzKRRbaUE',
          name: 'get_weather',
          arguments: { city: 'Lyon' },
          rawArguments: '{"city":"Lyon"}',
        },
      ],
    },
    { role: 'tool', toolCallId: 'call_M26z19sncd7b4LBgzKRRbaUE', content: '12°C' },
    { role: 'user', content: 'And Paris?' },
  ],
  tools: [WEATHER],
  toolChoice: 'required',
  seed: 7,
};

describe('MistralChatModel', () => {
  const replay = useReplayServer();
  const model = (): MistralChatModel =>
    new MistralChatModel({
      model: 'mistral-small-latest',
      apiKey: 'mistral-test-key-0123456789',
      baseUrl: replay.server.baseUrl,
    });
  const events = (request: ChatRequest): Promise<StreamEvent[]> =>
    lastValueFrom(model().stream(request).pipe(toArray()));

  it('sends Mistral ids, tool_choice any, random_seed and no stream_options', async () => {
    replay.server.enqueue(sse);
    await events(HISTORY);
    const sent = replay.server.requests[0];
    expect(sent?.path).toBe('/v1/chat/completions');
    expect(sent?.headers['authorization']).toBe('Bearer mistral-test-key-0123456789');
    const id = mistralToolCallId('call_M26z19sncd7b4LBgzKRRbaUE');
    expect(id).toMatch(/^[A-Za-z0-9]{9}$/);
    expect(sent?.body).toEqual({
      model: 'mistral-small-latest',
      messages: [
        { role: 'user', content: 'Weather in Lyon?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id,
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Lyon"}' },
            },
          ],
        },
        { role: 'tool', content: '12°C', tool_call_id: id },
        { role: 'user', content: 'And Paris?' },
      ],
      tools: [{ type: 'function', function: WEATHER }],
      tool_choice: 'any',
      random_seed: 7,
      stream: true,
    });
  });

  it('maps ids the same way every time, keeps its own ids, and spreads different ids', () => {
    expect(mistralToolCallId('D681PevKs')).toBe('D681PevKs');
    expect(mistralToolCallId('toolu_01A')).toBe(mistralToolCallId('toolu_01A'));
    const ids = new Set(Array.from({ length: 1000 }, (_, i) => mistralToolCallId(`call_${i}`)));
    expect(ids.size).toBe(1000);
  });

  it('reads its streamed tool call and end-of-stream usage, whole and in 1-byte pieces', async () => {
    replay.server.enqueue(
      sse,
      { ...sse, chunkSize: 1 },
      { ...sse, cutAt: seededCuts(body.length, 5) },
    );
    const whole = await events({ messages: [{ role: 'user', content: 'Weather in Paris?' }] });
    expect(whole.find((e) => e.type === 'tool-call')).toEqual({
      type: 'tool-call',
      index: 0,
      toolCall: {
        id: 'D681PevKs',
        name: 'get_weather',
        arguments: { city: 'Paris' },
        rawArguments: '{"city": "Paris"}',
      },
    });
    expect(whole[whole.length - 1]).toMatchObject({
      type: 'finish',
      finishReason: 'tool_calls',
      usage: { inputTokens: 84, outputTokens: 20, totalTokens: 104 },
    });
    const ask = { messages: [{ role: 'user' as const, content: 'Weather in Paris?' }] };
    expect(await events(ask)).toEqual(whole);
    expect(await events(ask)).toEqual(whole);
    expect(model().info().provider).toBe('mistral');
  });
});
