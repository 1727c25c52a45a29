import type { EmbedRequest } from '../../core/chat-options.types';
import type { EmbeddingModel, EmbeddingResponse } from '../../core/embedding-model.interface';
import { AbortedError } from '../../core/errors/aborted.error';
import type { ModelInfo } from '../../core/model-info.types';
import { charNgrams, hashFeature, wordsOf } from './hashed-features';

/** Options of `HashedEmbeddingModel`. */
export interface HashedEmbeddingModelOptions {
  /** Vector size. Default 384. */
  readonly dimensions?: number;
  /** Character n-gram sizes inside words. Default `[3, 4, 5]`. */
  readonly charNgramSizes?: readonly number[];
  /** Weight of word pairs (bigrams) relative to single words. Default 0.5. */
  readonly bigramWeight?: number;
  /** Weight of each character n-gram relative to a word. Default 0.25. */
  readonly charNgramWeight?: number;
  /** Defaults to 256. */
  readonly maxBatchSize?: number;
}

const WORD_SEED = 1;
const BIGRAM_SEED = 2;
const CHAR_SEED = 3;

/**
 * An embedding model that runs offline with no weights: words, word pairs and character n-grams
 * are hashed into `dimensions` buckets (a random sign per feature halves collisions' bias), counts
 * are damped with `1 + log(tf)`, and the vector is L2-normalized, so cosine and dot agree.
 *
 * It is LEXICAL, not semantic: texts score as similar when they share words or word pieces
 * ("install" ~ "installing"), never because they mean the same thing ("car" !~ "automobile").
 * It makes RAG work out of the box and in tests; use a real embedding model for meaning.
 *
 * @example
 * ConduitModule.forRoot({ embeddingModels: { default: new HashedEmbeddingModel() }, ... })
 */
export class HashedEmbeddingModel implements EmbeddingModel {
  readonly specificationVersion = 'v1' as const;
  readonly maxBatchSize: number;
  readonly dimensions: number;
  private readonly charNgramSizes: readonly number[];
  private readonly bigramWeight: number;
  private readonly charNgramWeight: number;

  constructor(options: HashedEmbeddingModelOptions = {}) {
    this.dimensions = options.dimensions ?? 384;
    if (!Number.isInteger(this.dimensions) || this.dimensions <= 0) {
      throw new RangeError(`dimensions must be a positive integer, got ${this.dimensions}`);
    }
    this.maxBatchSize = options.maxBatchSize ?? 256;
    this.charNgramSizes = options.charNgramSizes ?? [3, 4, 5];
    this.bigramWeight = options.bigramWeight ?? 0.5;
    this.charNgramWeight = options.charNgramWeight ?? 0.25;
  }

  /** Provider `conduit`, model id `hashed-ngrams-<dimensions>`, no prices: nothing leaves the process. */
  info(): ModelInfo {
    return {
      provider: 'conduit',
      modelId: `hashed-ngrams-${this.dimensions}`,
      capabilities: {
        streaming: false,
        tools: false,
        vision: false,
        jsonMode: false,
        structuredOutput: false,
        reasoning: false,
      },
    };
  }

  /** One normalized hashed vector a text, computed locally. */
  embed(request: EmbedRequest): Promise<EmbeddingResponse> {
    if (request.signal?.aborted === true) return Promise.reject(new AbortedError());
    const embeddings = request.texts.map((text) => Array.from(this.embedText(text)));
    const inputTokens = request.texts.reduce((sum, text) => sum + wordsOf(text).length, 0);
    return Promise.resolve({ embeddings, model: this.info().modelId, usage: { inputTokens } });
  }

  /** The vector of one text (all zeros for a text with no word). */
  embedText(text: string): Float32Array {
    const counts = new Map<number, number>();
    const add = (bucketAndSign: number, weight: number): void => {
      counts.set(bucketAndSign, (counts.get(bucketAndSign) ?? 0) + weight);
    };
    const feature = (value: string, seed: number, weight: number): void => {
      const hash = hashFeature(value, seed);
      // Bucket from the low bits' modulo, sign from the top bit: independent enough for hashing.
      add((hash % this.dimensions) * 2 + (hash >>> 31), weight);
    };
    const words = wordsOf(text);
    words.forEach((word, index) => {
      feature(word, WORD_SEED, 1);
      if (index > 0) feature(`${words[index - 1]} ${word}`, BIGRAM_SEED, this.bigramWeight);
      for (const size of this.charNgramSizes) {
        for (const gram of charNgrams(word, size)) feature(gram, CHAR_SEED, this.charNgramWeight);
      }
    });
    const vector = new Float32Array(this.dimensions);
    for (const [key, weight] of counts) {
      // Sublinear term frequency: a word said ten times is not ten times as relevant.
      const damped = Math.log1p(weight);
      const index = key >> 1;
      vector[index] = vector[index] + ((key & 1) === 1 ? -damped : damped);
    }
    let norm = 0;
    for (const value of vector) norm += value * value;
    norm = Math.sqrt(norm);
    if (norm > 0) for (let i = 0; i < vector.length; i++) vector[i] = vector[i] / norm;
    return vector;
  }
}
