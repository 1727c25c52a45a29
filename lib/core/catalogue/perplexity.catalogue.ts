import type { ModelCapabilities, ModelPricing } from '../model-info.types';
import type { CatalogueEntry } from './model-catalogue.types';

/**
 * Perplexity Sonar models and token prices (USD per million tokens), read on 2026-12-07 from
 * docs.perplexity.ai/getting-started/pricing. Not included: the request fee every Sonar call also
 * pays (per 1,000 requests, by search context size), which a token price cannot express.
 */
export const PERPLEXITY_PRICES_AS_OF = '2026-12-07';

const price = (inputPerMillion: number, outputPerMillion: number): ModelPricing => ({
  inputPerMillion,
  outputPerMillion,
  asOf: PERPLEXITY_PRICES_AS_OF,
});

/** Sonar answers from a web search: no tool calling; JSON Schema output through `response_format`. */
const SONAR: ModelCapabilities = {
  streaming: true,
  tools: false,
  vision: false,
  jsonMode: false,
  structuredOutput: true,
  reasoning: false,
};

const entry = (
  modelId: string,
  capabilities: Partial<ModelCapabilities>,
  pricing: ModelPricing,
): CatalogueEntry => ({
  provider: 'perplexity',
  modelId,
  capabilities: { ...SONAR, ...capabilities },
  pricing,
});

/** The Perplexity part of the catalogue. */
export const PERPLEXITY_CATALOGUE: readonly CatalogueEntry[] = [
  entry('sonar', { maxContextTokens: 128_000 }, price(1, 1)),
  entry('sonar-pro', { maxContextTokens: 200_000, maxOutputTokens: 8_000 }, price(3, 15)),
  entry('sonar-reasoning-pro', { maxContextTokens: 128_000, reasoning: true }, price(2, 8)),
];
