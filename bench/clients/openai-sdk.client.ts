import OpenAI from 'openai';
import {
  BENCH_MODELS,
  BENCH_PROMPT,
  shapeHeaders,
  type AnswerShape,
  type BenchClient,
} from '../bench-client.types';

/** The official `openai` package against the fake server (no retries, so it does one call a call). */
export class OpenAISdkClient implements BenchClient {
  private readonly client: OpenAI;

  constructor(baseUrl: string) {
    this.client = new OpenAI({
      apiKey: 'sk-bench',
      baseURL: `${baseUrl}/openai/v1`,
      maxRetries: 0,
    });
  }

  async chat(): Promise<string> {
    const answer = await this.client.chat.completions.create({
      model: BENCH_MODELS.openai,
      messages: [{ role: 'user', content: BENCH_PROMPT }],
    });
    return answer.choices[0]?.message.content ?? '';
  }

  async stream(shape: AnswerShape, onText: (text: string) => void): Promise<void> {
    const stream = await this.client.chat.completions.create(
      {
        model: BENCH_MODELS.openai,
        messages: [{ role: 'user', content: BENCH_PROMPT }],
        stream: true,
        stream_options: { include_usage: true },
      },
      { headers: shapeHeaders(shape) },
    );
    for await (const chunk of stream) {
      const text = chunk.choices[0]?.delta.content;
      if (text) onText(text);
    }
  }

  async collect(shape: AnswerShape): Promise<string> {
    let text = '';
    await this.stream(shape, (delta) => (text += delta));
    return text;
  }

  async close(): Promise<void> {}
}
