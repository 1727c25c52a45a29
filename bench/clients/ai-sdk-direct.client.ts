import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModelV3 } from '@ai-sdk/provider';
import {
  BENCH_MODELS,
  BENCH_PROMPT,
  shapeHeaders,
  type AnswerShape,
  type BenchClient,
} from '../bench-client.types';

/** The AI SDK provider model of the bench, `@ai-sdk/openai-compatible` 2.x (spec V3). */
export function aiSdkBenchModel(baseUrl: string): LanguageModelV3 {
  return createOpenAICompatible({
    name: 'openai',
    baseURL: `${baseUrl}/openai/v1`,
    apiKey: 'sk-bench',
    includeUsage: true,
  }).chatModel(BENCH_MODELS.openai);
}

/**
 * The AI SDK provider model called directly (`doGenerate` / `doStream`), no adapter and no
 * ChatService: what the provider package itself costs, to tell it apart from the adapter's share.
 */
export class AiSdkDirectClient implements BenchClient {
  private readonly model: LanguageModelV3;

  constructor(baseUrl: string) {
    this.model = aiSdkBenchModel(baseUrl);
  }

  async chat(): Promise<string> {
    const result = await this.model.doGenerate({
      prompt: [{ role: 'user', content: [{ type: 'text', text: BENCH_PROMPT }] }],
      maxOutputTokens: 1024,
    });
    return result.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('');
  }

  async stream(shape: AnswerShape, onText: (text: string) => void): Promise<void> {
    const { stream } = await this.model.doStream({
      prompt: [{ role: 'user', content: [{ type: 'text', text: BENCH_PROMPT }] }],
      maxOutputTokens: 1024,
      headers: shapeHeaders(shape),
    });
    const reader = stream.getReader();
    for (;;) {
      const read = await reader.read();
      if (read.done) return;
      if (read.value.type === 'text-delta') onText(read.value.delta);
      if (read.value.type === 'error') throw read.value.error;
    }
  }

  async collect(shape: AnswerShape): Promise<string> {
    const pieces: string[] = [];
    await this.stream(shape, (text) => pieces.push(text));
    return pieces.join('');
  }

  async close(): Promise<void> {
    // The provider uses the global fetch; its pool needs no closing.
  }
}
