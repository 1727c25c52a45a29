import Anthropic from '@anthropic-ai/sdk';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { lastValueFrom } from 'rxjs';
import type { ChatResponse } from '../../lib/core';
import { AnthropicChatModel } from '../../lib/providers/anthropic/anthropic-chat-model';
import { mapAnthropicStopReason } from '../../lib/providers/anthropic/map-anthropic-stop-reason';
import { collectStream } from '../../lib/streaming/collect-stream';
import { FIXTURES_DIR, fixturePath } from '../support/fixtures';
import { useReplayServer } from '../support/replay-server';
import { readFileSync } from 'node:fs';

/**
 * Differential check: the official `@anthropic-ai/sdk` (a devDependency of the tests only) reads
 * the same recorded bytes through its MessageStream; what nestjs-conduit collects must agree with
 * the SDK's final message on text, tool calls (ids, names, parsed input), thinking (text and
 * signature), redacted thinking, stop reason and usage. Every anthropic/*.stream.txt and
 * *.chunks.jsonl recording takes part, including future ones.
 */
const RECORDINGS = readdirSync(path.join(FIXTURES_DIR, 'anthropic'))
  .filter((name) => /\.(stream\.txt|chunks\.jsonl)$/.test(name))
  .sort()
  .map((name) => `anthropic/${name}`);

const KEY = 'sk-ant-oracle-test-1234567890';
const MESSAGES = [{ role: 'user' as const, content: 'Hi' }];

/**
 * The bytes both clients read. A `.chunks.jsonl` recording (vercel/ai's format) keeps each event's
 * name only in its `type` field; the SDK, like the API, needs the `event:` line, so the stream is
 * rebuilt the way Anthropic sends it: `event: <type>` then `data: <line>`.
 */
function recordingBody(fixture: string): string {
  const text = readFileSync(fixturePath(fixture), 'utf8');
  if (!fixture.endsWith('.chunks.jsonl')) return text;
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => `event: ${(JSON.parse(line) as { type: string }).type}\ndata: ${line}\n\n`)
    .join('');
}

const SSE = { 'content-type': 'text/event-stream' };

/** Tool calls compared by what a tool receives; `rawArguments` differs by design (see below). */
function callsOf(response: ChatResponse) {
  return response.toolCalls.map((c) => ({ id: c.id, name: c.name, arguments: c.arguments }));
}

describe('Anthropic SDK oracle', () => {
  const replay = useReplayServer();

  it('covers every recorded Messages API stream', () => {
    expect(RECORDINGS.length).toBeGreaterThanOrEqual(9);
  });

  it.each(RECORDINGS)('%s collects to what the SDK MessageStream yields', async (fixture) => {
    const body = recordingBody(fixture);
    // Ours reads the bytes in awkward pieces; the SDK reads them whole.
    replay.server.enqueue({ body, headers: SSE, chunkSize: 29 }, { body, headers: SSE });
    const model = new AnthropicChatModel({
      model: 'claude-haiku-4-5',
      apiKey: KEY,
      baseUrl: replay.server.baseUrl,
    });
    const ours = await lastValueFrom(model.stream({ messages: MESSAGES }).pipe(collectStream()));

    const client = new Anthropic({ apiKey: KEY, baseURL: replay.server.url, maxRetries: 0 });
    const sdk = await client.messages
      .stream({ model: 'claude-haiku-4-5', max_tokens: 1024, messages: MESSAGES })
      .finalMessage();
    // Both clients really read the recording from the replay server.
    expect(replay.server.requests.map((r) => r.path)).toEqual(['/v1/messages', '/v1/messages']);

    expect(ours.id).toBe(sdk.id);
    expect(ours.model).toBe(sdk.model);
    const sdkText = sdk.content.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('');
    expect(ours.text).toBe(sdkText);
    expect(callsOf(ours)).toEqual(
      sdk.content.flatMap((b) =>
        b.type === 'tool_use' ? [{ id: b.id, name: b.name, arguments: b.input }] : [],
      ),
    );
    expect(ours.content.filter((p) => p.type === 'reasoning')).toEqual(
      sdk.content.flatMap((b) => {
        if (b.type === 'thinking') {
          return [
            {
              type: 'reasoning',
              text: b.thinking,
              ...(b.signature !== '' && { signature: b.signature }),
            },
          ];
        }
        return b.type === 'redacted_thinking'
          ? [{ type: 'reasoning', text: '', redactedData: b.data }]
          : [];
      }),
    );
    expect(ours.rawFinishReason).toBe(sdk.stop_reason);
    expect(ours.finishReason).toBe(mapAnthropicStopReason(sdk.stop_reason));

    const u = sdk.usage;
    const cacheRead = u.cache_read_input_tokens ?? 0;
    const cacheWrite = u.cache_creation_input_tokens ?? 0;
    expect(ours.usage.outputTokens).toBe(u.output_tokens);
    expect(ours.usage.inputTokens).toBe(u.input_tokens + cacheRead + cacheWrite);
    expect(ours.usage.totalTokens).toBe(u.input_tokens + cacheRead + cacheWrite + u.output_tokens);
    expect(ours.usage.cacheReadTokens).toBe(u.cache_read_input_tokens);
    expect(ours.usage.cacheWriteTokens).toBe(u.cache_creation_input_tokens);
    expect(ours.usage.reasoningTokens).toBe(u.output_tokens_details?.thinking_tokens);
  });
});

describe('streamed and non-streamed answers', () => {
  const replay = useReplayServer();

  /**
   * The non-streamed body of the very answer a recording streams is the SDK's final message (its
   * MessageStream rebuilds exactly that object). `rawArguments` is the one field that may differ:
   * a stream carries the model's own argument text (`{"password": "mellon"}`), a JSON body only the
   * parsed `input`, re-serialized (`{"password":"mellon"}`); both parse to the same arguments.
   */
  it.each(RECORDINGS)(
    '%s: chat() of the same answer equals the collected stream',
    async (fixture) => {
      const body = recordingBody(fixture);
      replay.server.enqueue({ body, headers: SSE });
      const client = new Anthropic({ apiKey: KEY, baseURL: replay.server.url, maxRetries: 0 });
      const message = await client.messages
        .stream({ model: 'claude-haiku-4-5', max_tokens: 1024, messages: MESSAGES })
        .finalMessage();

      replay.server.enqueue(
        { body, headers: SSE },
        { body: JSON.stringify(message), headers: { 'content-type': 'application/json' } },
      );
      const model = new AnthropicChatModel({
        model: 'claude-haiku-4-5',
        apiKey: KEY,
        baseUrl: replay.server.baseUrl,
      });
      const streamed = await lastValueFrom(
        model.stream({ messages: MESSAGES }).pipe(collectStream()),
      );
      const plain = await model.chat({ messages: MESSAGES });

      const normalize = (response: ChatResponse): ChatResponse => {
        const toolCalls = response.toolCalls.map((c) => ({
          ...c,
          rawArguments: JSON.stringify(c.arguments),
        }));
        return {
          ...response,
          toolCalls,
          message: { ...response.message, ...(toolCalls.length > 0 && { toolCalls }) },
        };
      };
      expect(normalize(streamed)).toEqual(normalize(plain));
      // Beyond rawArguments, nothing was normalized: the rest is equal as is.
      expect({ ...streamed, toolCalls: [], message: null }).toEqual({
        ...plain,
        toolCalls: [],
        message: null,
      });
    },
  );
});
