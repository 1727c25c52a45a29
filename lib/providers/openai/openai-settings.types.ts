import type { OpenAIConnectionSettings } from '../shared/openai-wire/openai-settings.types';

/** Settings of `OpenAIEmbeddingModel`. */
export interface OpenAIEmbeddingModelSettings extends OpenAIConnectionSettings {
  /** e.g. `text-embedding-3-small`. */
  readonly model: string;
  /** Output vector size for models that can shorten vectors (`text-embedding-3-*`). */
  readonly dimensions?: number;
  /** Most inputs per request. Defaults to 2048, OpenAI's limit. */
  readonly maxBatchSize?: number;
  /**
   * How vectors travel: `base64` float32 (default; a quarter of the JSON) or `float` arrays, for
   * servers that do not know `encoding_format: 'base64'` (older Ollama). Both are read either way.
   */
  readonly encodingFormat?: 'base64' | 'float';
}
