import type { ModelCapabilities, ModelPricing } from '../model-info.types';
import type { CatalogueEntry } from './model-catalogue.types';

/**
 * GroqCloud chat models and on-demand prices (USD per million tokens), read on 2026-11-25 from
 * console.groq.com/docs/models. Groq serves open-weight models: ids carry the publisher prefix
 * (`openai/gpt-oss-120b`). None of them reads images.
 */
export const GROQ_PRICES_AS_OF = '2026-11-25';

const price = (inputPerMillion: number, outputPerMillion: number): ModelPricing => ({
  inputPerMillion,
  outputPerMillion,
  asOf: GROQ_PRICES_AS_OF,
});

const BASE: ModelCapabilities = {
  streaming: true,
  tools: true,
  parallelToolCalls: true,
  vision: false,
  jsonMode: true,
  structuredOutput: false,
  reasoning: false,
};

const entry = (
  modelId: string,
  capabilities: Partial<ModelCapabilities>,
  pricing: ModelPricing,
): CatalogueEntry => ({
  provider: 'groq',
  modelId,
  capabilities: { ...BASE, ...capabilities },
  pricing,
});

/** The Groq part of the catalogue. */
export const GROQ_CATALOGUE: readonly CatalogueEntry[] = [
  entry(
    'openai/gpt-oss-120b',
    { reasoning: true, structuredOutput: true, maxContextTokens: 131_072, maxOutputTokens: 65_536 },
    price(0.15, 0.6),
  ),
  entry(
    'openai/gpt-oss-20b',
    { reasoning: true, structuredOutput: true, maxContextTokens: 131_072, maxOutputTokens: 65_536 },
    price(0.075, 0.3),
  ),
  entry(
    'llama-3.3-70b-versatile',
    { maxContextTokens: 131_072, maxOutputTokens: 32_768 },
    price(0.59, 0.79),
  ),
  entry(
    'llama-3.1-8b-instant',
    { maxContextTokens: 131_072, maxOutputTokens: 131_072 },
    price(0.05, 0.08),
  ),
  // Preview model kept for the recorded fixtures; its figures come from Groq's 2025 listing and
  // could not be re-read on 2026-11-25. Reasoning comes in `message.reasoning` when parsed.
  entry(
    'qwen/qwen3-32b',
    { reasoning: true, maxContextTokens: 131_072, maxOutputTokens: 40_960 },
    price(0.29, 0.59),
  ),
];
