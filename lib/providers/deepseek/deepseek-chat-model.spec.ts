import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lastValueFrom, toArray } from 'rxjs';
import type { ChatRequest, Message, StreamEvent } from '../../core';
import { seededCuts } from '../../../test/support/fixtures';
import { useReplayServer } from '../../../test/support/replay-server';
import { DeepSeekChatModel } from './deepseek-chat-model';
import { deepSeekReasoningIndexes } from './deepseek-reasoning-passback';

/** Hand-written from api-docs.deepseek.com (see test/fixtures/presets/README.md). */
const fixture = (name: string): string =>
  readFileSync(join(__dirname, '../../../test/fixtures/presets', name), 'utf8');

describe('DeepSeekChatModel', () => {
  const replay = useReplayServer();
  const model = (): DeepSeekChatModel =>
    new DeepSeekChatModel({
      model: 'deepseek-reasoner',
      apiKey: 'sk-deepseek-test-0123456789',
      baseUrl: replay.server.url,
      capabilities: { reasoning: true },
    });

  it('streams reasoning_content as reasoning deltas, whole, cut and split inside UTF-8', async () => {
    const body = fixture('deepseek-reasoning.stream.txt');
    const sse = { body, headers: { 'content-type': 'text/event-stream' } };
    const ask: ChatRequest = { messages: [{ role: 'user', content: '9.11 or 9.8?' }] };
    const run = (): Promise<StreamEvent[]> => lastValueFrom(model().stream(ask).pipe(toArray()));
    replay.server.enqueue(sse);
    const whole = await run();
    expect(whole.map((e) => (e.type === 'reasoning-delta' ? e.delta : '')).join('')).toBe(
      '9.11 vs 9.8: compare tenths, 1 < 8.',
    );
    expect(whole.map((e) => (e.type === 'text-delta' ? e.delta : '')).join('')).toBe(
      '9.8 is greater — by 0.69.',
    );
    expect(whole[whole.length - 1]).toMatchObject({
      type: 'finish',
      finishReason: 'stop',
      usage: { inputTokens: 18, outputTokens: 42, reasoningTokens: 30, cacheReadTokens: 0 },
    });
    expect(replay.server.requests[0]?.path).toBe('/chat/completions');
    const dash = Buffer.from(body).indexOf(Buffer.from('—'));
    replay.server.enqueue(
      { ...sse, chunkSize: 1 },
      { ...sse, cutAt: [dash + 1, dash + 2] },
      { ...sse, cutAt: seededCuts(Buffer.byteLength(body), 11) },
    );
    expect(await run()).toEqual(whole);
    expect(await run()).toEqual(whole);
    expect(await run()).toEqual(whole);
  });

  it('reads a tool call with its reasoning and counts cache hits (JSON)', async () => {
    replay.server.enqueue({ body: fixture('deepseek-reasoning-tool-call.json') });
    const answer = await model().chat({ messages: [{ role: 'user', content: 'Weather?' }] });
    expect(answer.content[0]).toEqual({
      type: 'reasoning',
      text: 'The user wants the weather in Hangzhou; call get_weather.',
    });
    expect(answer.toolCalls[0]).toMatchObject({
      id: 'call_00_kQ2xS7vN4mYp1rT8wZ3cB6dF',
      arguments: { location: 'Hangzhou' },
    });
    expect(answer.usage).toMatchObject({ inputTokens: 320, cacheReadTokens: 256 });
  });

  it('sends reasoning back only in a turn that called tools', async () => {
    replay.server.enqueue({ body: fixture('deepseek-reasoning-tool-call.json') });
    const first = await model().chat({ messages: [{ role: 'user', content: 'Weather?' }] });
    const messages: Message[] = [
      { role: 'user', content: '9.11 or 9.8?' },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'compare tenths' },
          { type: 'text', text: '9.8' },
        ],
      },
      { role: 'user', content: 'Weather?' },
      first.message,
      { role: 'tool', toolCallId: first.toolCalls[0]?.id ?? '', content: '24°C' },
      { role: 'assistant', content: [{ type: 'text', text: 'It is 24°C.' }] },
      { role: 'user', content: 'Thanks' },
    ];
    expect([...deepSeekReasoningIndexes(messages)]).toEqual([3, 5]);
    replay.server.enqueue({ body: fixture('deepseek-reasoning-tool-call.json') });
    await model().chat({ messages });
    const sent = (replay.server.requests[1]?.body as { messages: Record<string, unknown>[] })
      .messages;
    expect(sent.map((m) => m['reasoning_content'])).toEqual([
      undefined,
      undefined,
      undefined,
      'The user wants the weather in Hangzhou; call get_weather.',
      undefined,
      '',
      undefined,
    ]);
    // The plain turn's answer goes back as text only.
    expect(sent[1]).toEqual({ role: 'assistant', content: '9.8' });
  });
});
