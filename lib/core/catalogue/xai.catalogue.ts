import type { ModelCapabilities, ModelPricing } from '../model-info.types';
import type { CatalogueEntry } from './model-catalogue.types';

/**
 * xAI Grok models and list prices (USD per million tokens), read on 2026-11-25 from docs.x.ai
 * (model pages and pricing). Prompts beyond 200K tokens cost more on the Grok 4.x models; only the
 * base rate is kept here. xAI publishes no maximum output size for the 4.x models. The older
 * models kept for the recorded fixtures (grok-code-fast-1, grok-4, grok-3, grok-3-mini) carry
 * their last published prices.
 */
export const XAI_PRICES_AS_OF = '2026-11-25';

const price = (
  inputPerMillion: number,
  outputPerMillion: number,
  cacheReadPerMillion?: number,
): ModelPricing => ({
  inputPerMillion,
  outputPerMillion,
  ...(cacheReadPerMillion === undefined ? {} : { cacheReadPerMillion }),
  asOf: XAI_PRICES_AS_OF,
});

const GROK: ModelCapabilities = {
  streaming: true,
  tools: true,
  parallelToolCalls: true,
  vision: true,
  jsonMode: true,
  structuredOutput: true,
  reasoning: true,
};

const entry = (
  modelId: string,
  capabilities: Partial<ModelCapabilities>,
  pricing: ModelPricing,
): CatalogueEntry => ({
  provider: 'xai',
  modelId,
  capabilities: { ...GROK, ...capabilities },
  pricing,
});

/** The xAI part of the catalogue. */
export const XAI_CATALOGUE: readonly CatalogueEntry[] = [
  entry('grok-4.7', { maxContextTokens: 500_000 }, price(2, 6)),
  entry('grok-4.5', { maxContextTokens: 500_000 }, price(2, 6, 0.5)),
  entry('grok-4.3', { maxContextTokens: 1_000_000 }, price(1.25, 2.5, 0.2)),
  entry('grok-4.20-0309-reasoning', { maxContextTokens: 1_000_000 }, price(1.25, 2.5)),
  entry(
    'grok-4.20-0309-non-reasoning',
    { reasoning: false, maxContextTokens: 1_000_000 },
    price(1.25, 2.5),
  ),
  entry('grok-build-0.1', { vision: false, maxContextTokens: 256_000 }, price(1, 2)),
  entry('grok-code-fast-1', { vision: false, maxContextTokens: 256_000 }, price(0.2, 1.5, 0.02)),
  entry('grok-4', { maxContextTokens: 256_000 }, price(3, 15, 0.75)),
  entry('grok-3-mini', { vision: false, maxContextTokens: 131_072 }, price(0.3, 0.5, 0.075)),
  entry(
    'grok-3',
    { vision: false, reasoning: false, maxContextTokens: 131_072 },
    price(3, 15, 0.75),
  ),
];
