import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import OpenAI from 'openai';
import { lastValueFrom } from 'rxjs';
import { OpenAIChatModel } from '../../lib/providers/openai/openai-chat-model';
import { collectStream } from '../../lib/streaming/collect-stream';
import { FIXTURES_DIR } from '../support/fixtures';
import { useReplayServer } from '../support/replay-server';

/**
 * Differential check: the official `openai` SDK (a devDependency of the tests only) reads the same
 * recorded bytes through its ChatCompletionStream; what nestjs-conduit collects must agree with the
 * SDK's final completion on text, refusal, tool calls (ids, names, parsed arguments), finish reason
 * and usage. Every openai/chat-*.stream.txt recording takes part, including future ones.
 */
const RECORDINGS = readdirSync(path.join(FIXTURES_DIR, 'openai'))
  .filter((name) => /^chat-.*\.stream\.txt$/.test(name))
  .sort()
  .map((name) => `openai/${name}`);

const KEY = 'sk-oracle-test-1234567890';

describe('OpenAI SDK oracle', () => {
  const replay = useReplayServer();

  it('covers every recorded Chat Completions stream', () => {
    expect(RECORDINGS.length).toBeGreaterThanOrEqual(8);
  });

  it.each(RECORDINGS)(
    '%s collects to what the SDK ChatCompletionStream yields',
    async (fixture) => {
      // Ours reads the bytes in awkward pieces; the SDK reads them whole.
      replay.server.enqueue({ fixture, chunkSize: 37 }, { fixture });
      const model = new OpenAIChatModel({
        model: 'gpt-4o',
        apiKey: KEY,
        baseUrl: replay.server.baseUrl,
      });
      const ours = await lastValueFrom(
        model.stream({ messages: [{ role: 'user', content: 'Hi' }] }).pipe(collectStream()),
      );

      const client = new OpenAI({ apiKey: KEY, baseURL: replay.server.baseUrl, maxRetries: 0 });
      const sdkStream = client.chat.completions.stream({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'Hi' }],
      });
      const sdk = await sdkStream.finalChatCompletion();
      // Both clients really read the recording from the replay server.
      expect(replay.server.requests.map((r) => r.path)).toEqual([
        '/v1/chat/completions',
        '/v1/chat/completions',
      ]);
      const choice = sdk.choices.find((c) => c.index === 0);
      if (choice === undefined) throw new Error(`the SDK found no choice 0 in ${fixture}`);

      expect(ours.id).toBe(sdk.id);
      expect(ours.model).toBe(sdk.model);
      expect(ours.text).toBe(choice.message.content ?? '');
      expect(ours.refusal ?? null).toBe(choice.message.refusal ?? null);
      expect(ours.rawFinishReason).toBe(choice.finish_reason);
      expect(ours.toolCalls).toEqual(
        (choice.message.tool_calls ?? []).map((call) => {
          if (call.type !== 'function')
            throw new Error('the SDK returned a tool call that is not a function call');
          return {
            id: call.id,
            name: call.function.name,
            arguments: JSON.parse(call.function.arguments) as unknown,
            rawArguments: call.function.arguments,
          };
        }),
      );
      const usage = sdk.usage;
      if (usage === undefined) {
        expect(ours.usage).toEqual({ inputTokens: 0, outputTokens: 0, totalTokens: 0 });
      } else {
        expect(ours.usage).toEqual({
          inputTokens: usage.prompt_tokens,
          outputTokens: usage.completion_tokens,
          totalTokens: usage.total_tokens,
          ...(usage.prompt_tokens_details?.cached_tokens !== undefined && {
            cacheReadTokens: usage.prompt_tokens_details.cached_tokens,
          }),
          ...(usage.completion_tokens_details?.reasoning_tokens !== undefined && {
            reasoningTokens: usage.completion_tokens_details.reasoning_tokens,
          }),
        });
      }
    },
  );
});
