import { Agent, type Dispatcher } from 'undici';
import {
  BENCH_MODELS,
  BENCH_PROMPT,
  shapeHeaders,
  type AnswerShape,
  type BenchClient,
  type BenchWire,
} from '../bench-client.types';

/** Pulls the text out of one SSE `data:` payload of the wire; `undefined` when it has none. */
function deltaOf(wire: BenchWire, data: string): string | undefined {
  if (data === '[DONE]') return undefined;
  const event = JSON.parse(data) as {
    choices?: { delta?: { content?: string } }[];
    type?: string;
    delta?: { text?: string };
  };
  if (wire === 'openai') return event.choices?.[0]?.delta?.content || undefined;
  return event.type === 'content_block_delta' ? event.delta?.text : undefined;
}

/**
 * The floor: undici's `request` with a keep-alive Agent, `JSON.parse` and a hand-written minimal
 * SSE splitter (frames end at a blank line, only `data:` lines are read). No validation, no error
 * mapping, no abstraction: what any client has to do at the very least.
 */
export class RawUndiciClient implements BenchClient {
  private readonly agent = new Agent({ keepAliveTimeout: 30_000 });
  private readonly origin: string;
  private readonly path: string;
  private readonly headers: Record<string, string>;

  constructor(
    private readonly wire: BenchWire,
    baseUrl: string,
  ) {
    this.origin = new URL(baseUrl).origin;
    this.path = wire === 'openai' ? '/openai/v1/chat/completions' : '/anthropic/v1/messages';
    this.headers =
      wire === 'openai'
        ? { authorization: 'Bearer sk-bench', 'content-type': 'application/json' }
        : {
            'x-api-key': 'sk-bench',
            'anthropic-version': '2023-06-01',
            'content-type': 'application/json',
          };
  }

  async chat(): Promise<string> {
    const response = await this.send(false, undefined);
    const body = (await response.body.json()) as {
      choices?: { message: { content: string } }[];
      content?: { text: string }[];
    };
    return this.wire === 'openai' ? body.choices![0].message.content : body.content![0].text;
  }

  async stream(shape: AnswerShape, onText: (text: string) => void): Promise<void> {
    const response = await this.send(true, shape);
    const decoder = new TextDecoder();
    let pending = '';
    for await (const bytes of response.body as AsyncIterable<Uint8Array>) {
      pending += decoder.decode(bytes, { stream: true });
      let start = 0;
      let end: number;
      while ((end = pending.indexOf('\n\n', start)) !== -1) {
        const at = pending.indexOf('data: ', start);
        if (at !== -1 && at < end) {
          const lineEnd = pending.indexOf('\n', at);
          const text = deltaOf(this.wire, pending.slice(at + 6, lineEnd));
          if (text !== undefined) onText(text);
        }
        start = end + 2;
      }
      pending = pending.slice(start);
    }
  }

  async collect(shape: AnswerShape): Promise<string> {
    let text = '';
    await this.stream(shape, (delta) => (text += delta));
    return text;
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  private send(stream: boolean, shape: AnswerShape | undefined): Promise<Dispatcher.ResponseData> {
    const body: Record<string, unknown> = {
      model: BENCH_MODELS[this.wire],
      messages: [{ role: 'user', content: BENCH_PROMPT }],
      ...(this.wire === 'anthropic' && { max_tokens: 1024 }),
      ...(stream && { stream: true }),
      ...(stream && this.wire === 'openai' && { stream_options: { include_usage: true } }),
    };
    return this.agent.request({
      origin: this.origin,
      path: this.path,
      method: 'POST',
      headers: shape === undefined ? this.headers : { ...this.headers, ...shapeHeaders(shape) },
      body: JSON.stringify(body),
    });
  }
}
