import type { ModelCapabilities, ModelPricing } from '../model-info.types';
import type { CatalogueEntry } from './model-catalogue.types';

/**
 * Gemini models and list prices (USD per million tokens, Standard tier, paid), taken on
 * 2026-12-07 from the Gemini Developer API pricing page (ai.google.dev/gemini-api/docs/pricing)
 * as quoted by copies of it read here, not from the live page: re-check before relying on them.
 * Pro models cost more for prompts over 200K tokens (2.5 Pro $2.50 / $15, 3 Pro $4 / $18): the
 * rates below are those of prompts up to 200K. Thinking is billed at the output rate. Cache reads
 * are the context-caching rate (storage per hour is not counted); cache writes cost nothing extra.
 */
export const GOOGLE_PRICES_AS_OF = '2026-12-07';

const price = (
  inputPerMillion: number,
  outputPerMillion: number,
  cacheReadPerMillion?: number,
): ModelPricing => ({
  inputPerMillion,
  outputPerMillion,
  ...(cacheReadPerMillion !== undefined && { cacheReadPerMillion }),
  asOf: GOOGLE_PRICES_AS_OF,
});

/**
 * Every Gemini 2.5 and 3 model reads images, PDFs and audio, calls tools in parallel, thinks, and
 * has a JSON mode and schema-constrained output; 1M tokens of context, 64K of output.
 */
const GEMINI: ModelCapabilities = {
  streaming: true,
  tools: true,
  parallelToolCalls: true,
  vision: true,
  pdf: true,
  audio: true,
  jsonMode: true,
  structuredOutput: true,
  reasoning: true,
  maxContextTokens: 1_048_576,
  maxOutputTokens: 65_536,
};

const EMBEDDING: ModelCapabilities = {
  streaming: false,
  tools: false,
  vision: false,
  jsonMode: false,
  structuredOutput: false,
  reasoning: false,
};

const entry = (
  modelId: string,
  capabilities: ModelCapabilities,
  pricing: ModelPricing,
  aliases?: readonly string[],
): CatalogueEntry => ({
  provider: 'google',
  modelId,
  capabilities,
  pricing,
  ...(aliases !== undefined && { aliases }),
});

/** The Google (Gemini API) part of the catalogue. */
export const GOOGLE_CATALOGUE: readonly CatalogueEntry[] = [
  entry('gemini-3-pro-preview', GEMINI, price(2, 12, 0.2)),
  entry('gemini-3-flash-preview', GEMINI, price(0.5, 3, 0.05)),
  entry('gemini-2.5-pro', GEMINI, price(1.25, 10, 0.125)),
  entry('gemini-2.5-flash', GEMINI, price(0.3, 2.5, 0.03)),
  entry('gemini-2.5-flash-lite', GEMINI, price(0.1, 0.4, 0.01)),
  entry('gemini-embedding-001', { ...EMBEDDING, maxContextTokens: 2_048 }, price(0.15, 0)),
  // Free of charge on the paid tier too.
  entry('text-embedding-004', { ...EMBEDDING, maxContextTokens: 2_048 }, price(0, 0)),
];
