import type { ModelCapabilities, ModelInfo, ModelPricing } from '../model-info.types';

/** One model of the catalogue: what it can do and what it costs. */
export interface CatalogueEntry {
  /** Provider name as used in `ModelInfo.provider` (`openai`, `anthropic`, `groq`, `xai`). */
  readonly provider: string;
  /** The provider's canonical model id (`gpt-4o`, `claude-sonnet-4-5`). */
  readonly modelId: string;
  /** Other ids the provider accepts for the same model (`gpt-5.6` for `gpt-5.6-sol`). */
  readonly aliases?: readonly string[];
  readonly capabilities: ModelCapabilities;
  readonly pricing: ModelPricing;
}

/** The answer of `findModelInfo()`. */
export interface ModelLookup {
  /** Identity, capabilities and (for known models) prices. `modelId` is the id that was asked for. */
  readonly info: ModelInfo;
  /** False when the id is not in the catalogue and `info` holds conservative defaults. */
  readonly known: boolean;
  /** The catalogue entry the id resolved to (`gpt-4o` for `gpt-4o-2024-08-06`), when known. */
  readonly catalogueId?: string;
}
