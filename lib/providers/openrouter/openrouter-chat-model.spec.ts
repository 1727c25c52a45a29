import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lastValueFrom, toArray } from 'rxjs';
import type { ChatRequest, StreamEvent } from '../../core';
import { seededCuts } from '../../../test/support/fixtures';
import { useReplayServer } from '../../../test/support/replay-server';
import { OpenRouterChatModel } from './openrouter-chat-model';

/** Hand-written from openrouter.ai/docs (see test/fixtures/presets/README.md). */
const body = readFileSync(
  join(__dirname, '../../../test/fixtures/presets/openrouter-reasoning.stream.txt'),
  'utf8',
);
const sse = { body, headers: { 'content-type': 'text/event-stream' } };
const ASK: ChatRequest = { messages: [{ role: 'user', content: 'Say hello in French' }] };

describe('OpenRouterChatModel', () => {
  const replay = useReplayServer();
  const model = (): OpenRouterChatModel =>
    new OpenRouterChatModel({
      model: 'google/gemini-2.5-flash',
      apiKey: 'sk-or-v1-test0123456789',
      baseUrl: replay.server.baseUrl,
      appUrl: 'https://example.com/app',
      appName: 'Conduit tests',
      reasoning: { effort: 'low' },
      capabilities: { reasoning: true },
    });
  const events = (request: ChatRequest = ASK): Promise<StreamEvent[]> =>
    lastValueFrom(model().stream(request).pipe(toArray()));

  it('sends the attribution headers, reasoning, and routing options as given', async () => {
    replay.server.enqueue(sse);
    await events({
      ...ASK,
      providerOptions: {
        openrouter: {
          provider: { order: ['google-vertex', 'google-ai-studio'], allow_fallbacks: false },
          models: ['google/gemini-2.5-flash', 'openai/gpt-4o-mini'],
        },
      },
    });
    const sent = replay.server.requests[0];
    expect(sent?.headers['http-referer']).toBe('https://example.com/app');
    expect(sent?.headers['x-title']).toBe('Conduit tests');
    expect(sent?.headers['authorization']).toBe('Bearer sk-or-v1-test0123456789');
    expect(sent?.body).toEqual({
      model: 'google/gemini-2.5-flash',
      messages: [{ role: 'user', content: 'Say hello in French' }],
      stream: true,
      stream_options: { include_usage: true },
      reasoning: { effort: 'low' },
      provider: { order: ['google-vertex', 'google-ai-studio'], allow_fallbacks: false },
      models: ['google/gemini-2.5-flash', 'openai/gpt-4o-mini'],
    });
  });

  it('skips the processing comments, maps reasoning, keeps provider and cost, whole and cut', async () => {
    replay.server.enqueue(sse);
    const whole = await events();
    expect(whole[0]).toMatchObject({ type: 'start', id: 'gen-1764930300-Xy7pQ2rS9tU4vW1z' });
    expect(whole.filter((e) => e.type === 'reasoning-delta')).toEqual([
      { type: 'reasoning-delta', delta: 'Short answer wanted.' },
    ]);
    expect(whole.map((e) => (e.type === 'text-delta' ? e.delta : '')).join('')).toBe(
      'Bonjour, ça va ?',
    );
    expect(whole[whole.length - 1]).toMatchObject({
      type: 'finish',
      finishReason: 'stop',
      usage: { inputTokens: 12, outputTokens: 15, reasoningTokens: 9 },
      providerMetadata: { openrouter: { provider: 'Google', cost: 0.0000411 } },
    });
    replay.server.enqueue(
      { ...sse, chunkSize: 1 },
      { ...sse, cutAt: seededCuts(Buffer.byteLength(body), 23) },
    );
    expect(await events()).toEqual(whole);
    expect(await events()).toEqual(whole);
  });

  it('a per-call reasoning option wins over the setting', async () => {
    replay.server.enqueue(sse);
    await events({ ...ASK, providerOptions: { openrouter: { reasoning: { exclude: true } } } });
    expect(replay.server.requests[0]?.body).toMatchObject({ reasoning: { exclude: true } });
  });
});
