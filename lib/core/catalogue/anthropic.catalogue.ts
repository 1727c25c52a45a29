import type { ModelCapabilities, ModelPricing } from '../model-info.types';
import type { CatalogueEntry } from './model-catalogue.types';

/**
 * Anthropic models and list prices (USD per million tokens), read on 2026-11-25 from
 * platform.claude.com (models overview, per-model pages and the pricing page). Cache writes are the
 * 5-minute rate (1.25x input); 1-hour writes cost 2x input. Claude Haiku 5.5 is priced by prompt
 * length: the rates below are those of prompts up to 100K tokens.
 */
export const ANTHROPIC_PRICES_AS_OF = '2026-11-25';

const price = (
  inputPerMillion: number,
  outputPerMillion: number,
  cacheReadPerMillion: number,
  cacheWritePerMillion: number,
): ModelPricing => ({
  inputPerMillion,
  outputPerMillion,
  cacheReadPerMillion,
  cacheWritePerMillion,
  asOf: ANTHROPIC_PRICES_AS_OF,
});

/**
 * Every current Claude model reads images and PDFs (`document` blocks), calls tools in parallel and
 * can think. No plain JSON mode, no audio input.
 */
const CLAUDE: ModelCapabilities = {
  streaming: true,
  tools: true,
  parallelToolCalls: true,
  vision: true,
  pdf: true,
  jsonMode: false,
  structuredOutput: true,
  reasoning: true,
};

const caps = (maxContextTokens: number, maxOutputTokens: number): ModelCapabilities => ({
  ...CLAUDE,
  maxContextTokens,
  maxOutputTokens,
});

const entry = (
  modelId: string,
  capabilities: ModelCapabilities,
  pricing: ModelPricing,
): CatalogueEntry => ({
  provider: 'anthropic',
  modelId,
  capabilities,
  pricing,
});

/** The Anthropic part of the catalogue. Dated ids (`claude-sonnet-4-5-20250929`) resolve to these. */
export const ANTHROPIC_CATALOGUE: readonly CatalogueEntry[] = [
  entry('claude-fable-5-2', caps(1_000_000, 128_000), price(8, 40, 0.2, 10)),
  entry('claude-fable-5-1', caps(1_000_000, 128_000), price(10, 50, 0.25, 12.5)),
  entry('claude-fable-5', caps(1_000_000, 128_000), price(10, 50, 1, 12.5)),
  entry('claude-opus-5-5', caps(1_000_000, 128_000), price(4, 20, 0.2, 5)),
  entry('claude-opus-5', caps(1_000_000, 128_000), price(5, 25, 0.5, 6.25)),
  entry('claude-opus-4-6', caps(1_000_000, 128_000), price(5, 25, 0.5, 6.25)),
  entry('claude-opus-4-5', caps(200_000, 64_000), price(5, 25, 0.5, 6.25)),
  entry('claude-sonnet-5-5', caps(1_000_000, 128_000), price(2, 10, 0.1, 2.5)),
  entry('claude-sonnet-5', caps(1_000_000, 128_000), price(2, 10, 0.2, 2.5)),
  entry('claude-sonnet-4-6', caps(1_000_000, 64_000), price(3, 15, 0.3, 3.75)),
  entry('claude-sonnet-4-5', caps(200_000, 64_000), price(3, 15, 0.3, 3.75)),
  // Claude Sonnet 4 predates structured outputs.
  {
    ...entry(
      'claude-sonnet-4',
      { ...caps(200_000, 64_000), structuredOutput: false },
      price(3, 15, 0.3, 3.75),
    ),
    aliases: ['claude-sonnet-4-0'],
  },
  entry('claude-haiku-5-5', caps(1_000_000, 128_000), price(0.1, 0.5, 0.01, 0.125)),
  entry('claude-haiku-4-5', caps(200_000, 64_000), price(1, 5, 0.1, 1.25)),
];
