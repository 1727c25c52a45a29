import type { EmbeddingModel } from '../../../core';
import type { Scorer } from '../eval.types';
import { defineScorer, outputText } from './define-scorer';
import { judgeChat, type JudgeModelOptions } from './judge-chat';

/** Options of `embeddingSimilarity`. */
export interface EmbeddingSimilarityOptions extends Omit<JudgeModelOptions, 'model'> {
  /** An embedding model to use directly, instead of the ChatService's. */
  readonly embeddingModel?: EmbeddingModel;
  /** The embedding model alias of the ChatService. Default `default`. */
  readonly model?: string;
  /** The similarity a case needs to pass. Default 0.8. */
  readonly passAt?: number;
  /** Picks the text to compare from the output. Default: the string, `text` or `answer`. */
  readonly text?: (output: unknown) => string;
}

/** Cosine similarity of two vectors (0 when either is all zeros). */
export function cosineSimilarity(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    normA += x * x;
    normB += y * y;
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}

/**
 * The cosine similarity of the output text and the case's `expected` text (negative counts as 0),
 * embedded with `embeddingModel`, or `ChatService.embed` of the eval's module. Passes from
 * `passAt` (0.8). Meaning, not wording: good for answers that may be phrased many ways.
 */
export function embeddingSimilarity(options: EmbeddingSimilarityOptions = {}): Scorer {
  return defineScorer('embeddingSimilarity', async (context) => {
    if (typeof context.expected !== 'string') {
      return { score: 0, pass: false, reason: 'embeddingSimilarity needs an expected text' };
    }
    const texts = [(options.text ?? outputText)(context.output), context.expected];
    const response =
      options.embeddingModel !== undefined
        ? await options.embeddingModel.embed({ texts })
        : await judgeChat(options.chat === undefined ? {} : { chat: options.chat }, context).embed(
            texts,
            {
              ...(options.model === undefined ? {} : { model: options.model }),
              signal: context.signal,
            },
          );
    const [a = [], b = []] = response.embeddings;
    const similarity = Math.max(0, Math.min(1, cosineSimilarity(a, b)));
    const passAt = options.passAt ?? 0.8;
    return {
      score: similarity,
      pass: similarity >= passAt,
      reason: `cosine similarity ${similarity.toFixed(3)} (pass at ${passAt})`,
    };
  });
}
