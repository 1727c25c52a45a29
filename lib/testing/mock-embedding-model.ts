import { lastValueFrom, of } from 'rxjs';
import { failOnAbort } from '../chat/model-calls';
import type { EmbedRequest } from '../core/chat-options.types';
import type { EmbeddingModel, EmbeddingResponse } from '../core/embedding-model.interface';
import type { ModelInfo } from '../core/model-info.types';
import { estimateTokens } from './mock-answer';

/** Options of `new MockEmbeddingModel(...)`. */
export interface MockEmbeddingModelOptions {
  /** Vector size when the request names none. Defaults to 8. */
  readonly dimensions?: number;
  /** Defaults to `mock-embedding`. */
  readonly modelId?: string;
  /** Defaults to 2048. */
  readonly maxBatchSize?: number;
}

/** 32-bit FNV-1a: a small, stable hash, so the same text always gives the same vector. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * A deterministic `EmbeddingModel` for tests: each text maps to a unit-length vector derived from a
 * hash of the text, so equal texts get equal vectors and different texts different ones. Records
 * every request.
 *
 * @example
 * const model = new MockEmbeddingModel({ dimensions: 4 });
 * const { embeddings } = await model.embed({ texts: ['a', 'b'] });
 */
export class MockEmbeddingModel implements EmbeddingModel {
  readonly specificationVersion = 'v1' as const;
  readonly maxBatchSize: number;
  private readonly recorded: EmbedRequest[] = [];

  constructor(private readonly options: MockEmbeddingModelOptions = {}) {
    this.maxBatchSize = options.maxBatchSize ?? 2048;
  }

  /** Every request received, in order. */
  get requests(): readonly EmbedRequest[] {
    return this.recorded;
  }

  /** How many calls were made. */
  get calls(): number {
    return this.recorded.length;
  }

  /** The mock's identity. */
  info(): ModelInfo {
    return {
      provider: 'mock',
      modelId: this.options.modelId ?? 'mock-embedding',
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

  /** The vector `embed` gives for `text` (unit length). */
  vectorFor(text: string, dimensions = this.options.dimensions ?? 8): number[] {
    const raw = Array.from(
      { length: dimensions },
      (_, d) => (fnv1a(`${d}:${text}`) / 0xffffffff) * 2 - 1,
    );
    const norm = Math.hypot(...raw) || 1;
    return raw.map((value) => value / norm);
  }

  /** One deterministic vector a text; records the request. */
  async embed(request: EmbedRequest): Promise<EmbeddingResponse> {
    this.recorded.push(request);
    const response: EmbeddingResponse = {
      embeddings: request.texts.map((text) => this.vectorFor(text, request.dimensions)),
      model: this.options.modelId ?? 'mock-embedding',
      usage: { inputTokens: request.texts.reduce((sum, text) => sum + estimateTokens(text), 0) },
    };
    const response$ = of(response);
    return lastValueFrom(request.signal ? response$.pipe(failOnAbort(request.signal)) : response$);
  }
}
