import Anthropic from '@anthropic-ai/sdk';
import {
  BENCH_MODELS,
  BENCH_PROMPT,
  shapeHeaders,
  type AnswerShape,
  type BenchClient,
} from '../bench-client.types';

/** The official `@anthropic-ai/sdk` package against the fake server (no retries). */
export class AnthropicSdkClient implements BenchClient {
  private readonly client: Anthropic;

  constructor(baseUrl: string) {
    this.client = new Anthropic({
      apiKey: 'sk-bench',
      baseURL: `${baseUrl}/anthropic`,
      maxRetries: 0,
    });
  }

  async chat(): Promise<string> {
    const answer = await this.client.messages.create({
      model: BENCH_MODELS.anthropic,
      max_tokens: 1024,
      messages: [{ role: 'user', content: BENCH_PROMPT }],
    });
    const first = answer.content[0];
    return first?.type === 'text' ? first.text : '';
  }

  async stream(shape: AnswerShape, onText: (text: string) => void): Promise<void> {
    const stream = await this.client.messages.create(
      {
        model: BENCH_MODELS.anthropic,
        max_tokens: 1024,
        messages: [{ role: 'user', content: BENCH_PROMPT }],
        stream: true,
      },
      { headers: shapeHeaders(shape) },
    );
    for await (const event of stream) {
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
        onText(event.delta.text);
      }
    }
  }

  async collect(shape: AnswerShape): Promise<string> {
    let text = '';
    await this.stream(shape, (delta) => (text += delta));
    return text;
  }

  async close(): Promise<void> {}
}
