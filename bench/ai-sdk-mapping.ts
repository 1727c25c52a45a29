import type { LanguageModelV3, LanguageModelV3StreamPart } from '@ai-sdk/provider';
import { lastValueFrom } from 'rxjs';
import { fromAiSdk } from '../lib/providers/ai-sdk';
import { BENCH_PROMPT } from './bench-client.types';

/** CPU microseconds per call of the adapter's own mapping, with no HTTP and no AI SDK provider. */
export interface AdapterMappingFigures {
  readonly chatCpuUs: number;
  readonly stream20CpuUs: number;
}

const usage = {
  inputTokens: { total: 12, noCache: 12, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 20, text: 20, reasoning: undefined },
};

/** The parts of a 20-delta answer, as `@ai-sdk/openai-compatible` sends them. */
function answerParts(): LanguageModelV3StreamPart[] {
  return [
    { type: 'stream-start', warnings: [] },
    { type: 'response-metadata', id: 'chatcmpl-bench', modelId: 'gpt-4o-mini' },
    { type: 'text-start', id: 'txt-0' },
    ...Array.from({ length: 20 }, (_, index): LanguageModelV3StreamPart => ({
      type: 'text-delta',
      id: 'txt-0',
      delta: String.fromCharCode(97 + index).repeat(8),
    })),
    { type: 'text-end', id: 'txt-0' },
    { type: 'finish', usage, finishReason: { unified: 'stop', raw: 'stop' } },
  ];
}

/** A V3 model answering from memory: what is left to measure is the adapter. */
function inMemoryModel(): LanguageModelV3 {
  const parts = answerParts();
  return {
    specificationVersion: 'v3',
    provider: 'openai.chat',
    modelId: 'gpt-4o-mini',
    supportedUrls: {},
    doGenerate: () =>
      Promise.resolve({
        content: [{ type: 'text', text: 'a'.repeat(160) }],
        finishReason: { unified: 'stop', raw: 'stop' },
        usage,
        response: { id: 'chatcmpl-bench', modelId: 'gpt-4o-mini' },
        warnings: [],
      }),
    doStream: () =>
      Promise.resolve({
        stream: new ReadableStream<LanguageModelV3StreamPart>({
          start(controller) {
            for (const part of parts) controller.enqueue(part);
            controller.close();
          },
        }),
      }),
  };
}

async function cpuPerCall(calls: number, call: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < Math.min(calls, 2000); i++) await call();
  const before = process.cpuUsage();
  for (let i = 0; i < calls; i++) await call();
  const spent = process.cpuUsage(before);
  return (spent.user + spent.system) / calls;
}

/**
 * The adapter alone (`fromAiSdk` over an in-memory V3 model): request to call options, result to
 * ChatResponse, 24 stream parts to events. The best of three rounds.
 */
export async function measureAdapterMapping(calls = 20_000): Promise<AdapterMappingFigures> {
  const model = fromAiSdk(inMemoryModel());
  const request = { messages: [{ role: 'user' as const, content: BENCH_PROMPT }], maxTokens: 1024 };
  let chatCpuUs = Infinity;
  let stream20CpuUs = Infinity;
  for (let round = 0; round < 3; round++) {
    chatCpuUs = Math.min(chatCpuUs, await cpuPerCall(calls, () => model.chat(request)));
    stream20CpuUs = Math.min(
      stream20CpuUs,
      await cpuPerCall(calls / 4, () => lastValueFrom(model.stream(request))),
    );
  }
  return { chatCpuUs, stream20CpuUs };
}
