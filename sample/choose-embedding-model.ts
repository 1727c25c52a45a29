import {
  HashedEmbeddingModel,
  type EmbeddingModel,
  type EmbeddingModelConfig,
} from 'nestjs-conduit';
import type { SampleEnv } from './sample-env';

/** Vector size of the sample's document index, whichever embedding model fills it. */
export const SAMPLE_EMBEDDING_DIMENSIONS = 384;

/** Which embedding model the sample's RAG routes use, and a line saying so. */
export interface SampleEmbeddingChoice {
  readonly model: EmbeddingModel | EmbeddingModelConfig;
  readonly description: string;
}

/**
 * OpenAI `text-embedding-3-small` (shortened to 384 dimensions) when OPENAI_API_KEY is set and no
 * OPENAI_BASE_URL points elsewhere; otherwise the offline `HashedEmbeddingModel` (hashed word and
 * character features: no network, deterministic, good enough to find the right page of the docs).
 */
export function chooseEmbeddingModel(env: SampleEnv): SampleEmbeddingChoice {
  const apiKey = env.OPENAI_API_KEY?.trim();
  const baseUrl = env.OPENAI_BASE_URL?.trim();
  if (apiKey !== undefined && apiKey !== '' && (baseUrl === undefined || baseUrl === '')) {
    return {
      model: {
        provider: 'openai',
        model: 'text-embedding-3-small',
        apiKey,
        dimensions: SAMPLE_EMBEDDING_DIMENSIONS,
      },
      description: 'Embeddings: OpenAI text-embedding-3-small (384 dimensions).',
    };
  }
  return {
    model: new HashedEmbeddingModel({ dimensions: SAMPLE_EMBEDDING_DIMENSIONS }),
    description: 'Embeddings: the OFFLINE HASHED EMBEDDER (no network).',
  };
}
