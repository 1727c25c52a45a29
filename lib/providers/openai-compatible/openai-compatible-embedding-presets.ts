import { OpenAIEmbeddingModel, type OpenAIEmbeddingModelSettings } from '../openai';

/** The local servers with an OpenAI-compatible embeddings endpoint that have a preset. */
export type OpenAICompatibleEmbeddingPresetName =
  'ollama' | 'tei' | 'infinity' | 'vllm' | 'lm-studio' | 'llama-cpp';

/** What a preset sets: where the server listens by default, and what it accepts. */
export interface OpenAICompatibleEmbeddingPreset {
  /** The server's usual local address; requests go to `${baseUrl}/embeddings`. */
  readonly baseUrl: string;
  /** The most texts the server takes in one request. */
  readonly maxBatchSize: number;
}

/**
 * The embedding presets. Every preset asks for plain float arrays (`encodingFormat: 'float'`):
 * every version of these servers sends them, while base64 came later to some; on a local socket
 * the larger JSON costs little. The name doubles as `providerName`.
 */
export const OPENAI_COMPATIBLE_EMBEDDING_PRESETS: Readonly<
  Record<OpenAICompatibleEmbeddingPresetName, OpenAICompatibleEmbeddingPreset>
> = {
  /** `ollama serve`, then `ollama pull nomic-embed-text` (768 dims) or `all-minilm` (384). */
  ollama: { baseUrl: 'http://127.0.0.1:11434/v1', maxBatchSize: 512 },
  /**
   * Hugging Face Text Embeddings Inference (`docker run -p 8080:80 ... --model-id
   * BAAI/bge-small-en-v1.5`): its OpenAI route `/v1/embeddings`; it refuses more than
   * `--max-client-batch-size` (32 by default) inputs a request.
   */
  tei: { baseUrl: 'http://127.0.0.1:8080/v1', maxBatchSize: 32 },
  /** Infinity (`infinity_emb v2 --model-id BAAI/bge-small-en-v1.5`): `/embeddings` on port 7997. */
  infinity: { baseUrl: 'http://127.0.0.1:7997', maxBatchSize: 512 },
  /** `vllm serve BAAI/bge-base-en-v1.5` (an embedding model is served with the pooling runner). */
  vllm: { baseUrl: 'http://127.0.0.1:8000/v1', maxBatchSize: 512 },
  /** LM Studio's local server with an embedding model loaded. */
  'lm-studio': { baseUrl: 'http://127.0.0.1:1234/v1', maxBatchSize: 512 },
  /** `llama-server -m model.gguf --embeddings`. */
  'llama-cpp': { baseUrl: 'http://127.0.0.1:8080/v1', maxBatchSize: 512 },
};

/** Settings of an embedding preset: the model, and anything to change from the preset. */
export type OpenAICompatibleEmbeddingPresetSettings = Omit<
  OpenAIEmbeddingModelSettings,
  'providerName'
> & {
  readonly preset: OpenAICompatibleEmbeddingPresetName;
};

/**
 * An embedding model on a local OpenAI-compatible server, from a preset: the server's default
 * address, its batch limit, float arrays on the wire, and its name as `providerName` (in `info()`
 * and errors). No API key unless the server was started with one. Semantic retrieval without a
 * cloud key: give it to `ConduitModule.forRoot({ embeddingModels })`.
 *
 * @example
 * const embedder = openAICompatibleEmbeddingPreset({ preset: 'ollama', model: 'nomic-embed-text' });
 * const { embeddings } = await embedder.embed({ texts: ['hello'] });
 */
export function openAICompatibleEmbeddingPreset(
  settings: OpenAICompatibleEmbeddingPresetSettings,
): OpenAIEmbeddingModel {
  const { preset, ...rest } = settings;
  const defaults = OPENAI_COMPATIBLE_EMBEDDING_PRESETS[preset];
  return new OpenAIEmbeddingModel({
    baseUrl: defaults.baseUrl,
    maxBatchSize: defaults.maxBatchSize,
    encodingFormat: 'float',
    ...rest,
    providerName: preset,
  });
}
