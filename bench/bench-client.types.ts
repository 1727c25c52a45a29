/** Which provider wire a client speaks to the fake server. */
export type BenchWire = 'openai' | 'anthropic';

/** How big an answer the fake server sends: `deltas` text pieces of `deltaBytes` characters. */
export interface AnswerShape {
  readonly deltas: number;
  readonly deltaBytes: number;
}

/**
 * What every benchmarked client does, the same way: one non-streamed call, one streamed call
 * handing each text delta to `onText`, and one streamed call collected into the whole text.
 */
export interface BenchClient {
  /** One non-streamed call of the default (small) shape; resolves with the answer text. */
  chat(): Promise<string>;
  /** One streamed call; `onText` gets every text delta as it arrives. */
  stream(shape: AnswerShape, onText: (text: string) => void): Promise<void>;
  /** One streamed call collected into the full answer text. */
  collect(shape: AnswerShape): Promise<string>;
  /** Releases pools and the application context. */
  close(): Promise<void>;
}

/** The headers that tell the fake server which shape to send. */
export function shapeHeaders(shape: AnswerShape): Record<string, string> {
  return {
    'x-bench-deltas': String(shape.deltas),
    'x-bench-delta-bytes': String(shape.deltaBytes),
  };
}

/** The model ids the fake server's answers name (both are in the price catalogue). */
export const BENCH_MODELS: Readonly<Record<BenchWire, string>> = {
  openai: 'gpt-4o-mini',
  anthropic: 'claude-sonnet-5-5',
};

/** The one-message conversation every client sends. */
export const BENCH_PROMPT = 'Say something.';
