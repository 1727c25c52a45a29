import type { CallAbort } from './call-abort';
import type { EmbedRequest } from './chat-options.types';
import type { ModelInfo } from './model-info.types';

/** The vectors of one embedding call, in the order of the input texts. */
export interface EmbeddingResponse {
  readonly embeddings: readonly (readonly number[])[];
  readonly model: string;
  readonly usage: { readonly inputTokens: number };
}

/**
 * An embedding model, version 1 of the interface. `embed` splits the texts into batches of at most
 * `maxBatchSize` and returns one vector a text, in order.
 */
export interface EmbeddingModel {
  readonly specificationVersion: 'v1';
  /** Most texts the provider accepts in one call. */
  readonly maxBatchSize: number;
  /** True when `embed` honours its `abort` argument (see `ChatModel.supportsCallAbort`). */
  readonly supportsCallAbort?: boolean;
  /** Provider, model id, capabilities and prices. */
  info(): ModelInfo;
  /** One vector a text, in the order of `request.texts`; rejects with a `ConduitError` subclass. */
  embed(request: EmbedRequest, abort?: CallAbort): Promise<EmbeddingResponse>;
}

/** Type guard for `EmbeddingModel` instances. */
export function isEmbeddingModel(value: unknown): value is EmbeddingModel {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { specificationVersion?: unknown }).specificationVersion === 'v1' &&
    typeof (value as { embed?: unknown }).embed === 'function'
  );
}
