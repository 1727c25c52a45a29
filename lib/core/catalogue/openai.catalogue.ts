import type { ModelCapabilities, ModelPricing } from '../model-info.types';
import type { CatalogueEntry } from './model-catalogue.types';

/**
 * OpenAI models and list prices (standard tier, USD per million tokens), read on 2026-11-25 from
 * the model pages under developers.openai.com/api/docs/models and the pricing page. Prices of
 * prompts beyond 272K tokens (GPT-5.4 and later) are higher; only the base rate is kept here.
 */
export const OPENAI_PRICES_AS_OF = '2026-11-25';

const price = (
  inputPerMillion: number,
  outputPerMillion: number,
  cacheReadPerMillion?: number,
  cacheWritePerMillion?: number,
): ModelPricing => ({
  inputPerMillion,
  outputPerMillion,
  ...(cacheReadPerMillion === undefined ? {} : { cacheReadPerMillion }),
  ...(cacheWritePerMillion === undefined ? {} : { cacheWritePerMillion }),
  asOf: OPENAI_PRICES_AS_OF,
});

/**
 * OpenAI's vision models (gpt-4o and later, o3/o4-mini) read PDFs: text and an image of each page.
 * Audio input is a separate family (`gpt-audio*`, `gpt-4o*-audio-preview`) on Chat Completions.
 */
const REASONING: ModelCapabilities = {
  streaming: true,
  tools: true,
  parallelToolCalls: true,
  vision: true,
  pdf: true,
  jsonMode: true,
  structuredOutput: true,
  reasoning: true,
};
const NON_REASONING: ModelCapabilities = { ...REASONING, reasoning: false };
const EMBEDDING: ModelCapabilities = {
  streaming: false,
  tools: false,
  vision: false,
  jsonMode: false,
  structuredOutput: false,
  reasoning: false,
  maxContextTokens: 8_192,
};

const limits = (maxContextTokens: number, maxOutputTokens: number) => ({
  maxContextTokens,
  maxOutputTokens,
});

/** Audio-input chat models: tools yes, images and PDFs no; structured output not documented. */
const AUDIO: ModelCapabilities = {
  ...NON_REASONING,
  vision: false,
  pdf: false,
  audio: true,
  parallelToolCalls: false,
  structuredOutput: false,
  ...limits(128_000, 16_384),
};

const entry = (
  modelId: string,
  capabilities: ModelCapabilities,
  pricing: ModelPricing,
  aliases?: readonly string[],
): CatalogueEntry => ({
  provider: 'openai',
  modelId,
  ...(aliases === undefined ? {} : { aliases }),
  capabilities,
  pricing,
});

/** The OpenAI part of the catalogue. */
export const OPENAI_CATALOGUE: readonly CatalogueEntry[] = [
  // GPT-5.6 family (July 2026): cache writes billed at 1.25x the input rate.
  entry('gpt-5.6-sol', { ...REASONING, ...limits(1_050_000, 128_000) }, price(5, 30, 0.5, 6.25), [
    'gpt-5.6',
  ]),
  entry('gpt-5.6-terra', { ...REASONING, ...limits(1_050_000, 128_000) }, price(2, 12, 0.2, 2.5)),
  entry(
    'gpt-5.6-luna',
    { ...REASONING, ...limits(1_050_000, 128_000) },
    price(0.2, 1.2, 0.02, 0.25),
  ),
  entry('gpt-5.5', { ...REASONING, ...limits(1_050_000, 128_000) }, price(5, 30, 0.5)),
  entry('gpt-5.4', { ...REASONING, ...limits(1_050_000, 128_000) }, price(2.5, 15, 0.25)),
  entry('gpt-5.4-mini', { ...REASONING, ...limits(400_000, 128_000) }, price(0.75, 4.5, 0.075)),
  entry('gpt-5.4-nano', { ...REASONING, ...limits(400_000, 128_000) }, price(0.2, 1.25, 0.02)),
  entry('gpt-5', { ...REASONING, ...limits(400_000, 128_000) }, price(1.25, 10, 0.125)),
  entry('gpt-5-mini', { ...REASONING, ...limits(400_000, 128_000) }, price(0.25, 2, 0.025)),
  entry('gpt-5-nano', { ...REASONING, ...limits(400_000, 128_000) }, price(0.05, 0.4, 0.005)),
  entry('gpt-4.1', { ...NON_REASONING, ...limits(1_047_576, 32_768) }, price(2, 8, 0.5)),
  entry('gpt-4.1-mini', { ...NON_REASONING, ...limits(1_047_576, 32_768) }, price(0.4, 1.6, 0.1)),
  entry('gpt-4.1-nano', { ...NON_REASONING, ...limits(1_047_576, 32_768) }, price(0.1, 0.4, 0.025)),
  entry('gpt-4o', { ...NON_REASONING, ...limits(128_000, 16_384) }, price(2.5, 10, 1.25)),
  entry('gpt-4o-mini', { ...NON_REASONING, ...limits(128_000, 16_384) }, price(0.15, 0.6, 0.075)),
  entry('o3', { ...REASONING, ...limits(200_000, 100_000) }, price(2, 8, 0.5)),
  entry('o4-mini', { ...REASONING, ...limits(200_000, 100_000) }, price(1.1, 4.4, 0.275)),
  // o3-mini reads text only.
  entry(
    'o3-mini',
    { ...REASONING, vision: false, pdf: false, ...limits(200_000, 100_000) },
    price(1.1, 4.4, 0.55),
  ),
  // Audio models: Chat Completions only, audio in (`input_audio`) and text; no images or PDFs.
  // The prices are the text-token rates; audio tokens are billed higher (not in ModelPricing).
  entry('gpt-audio', AUDIO, price(2.5, 10)),
  entry('gpt-audio-mini', AUDIO, price(0.6, 2.4)),
  entry('gpt-4o-audio-preview', AUDIO, price(2.5, 10)),
  entry('gpt-4o-mini-audio-preview', AUDIO, price(0.15, 0.6)),
  entry('text-embedding-3-small', EMBEDDING, price(0.02, 0)),
  entry('text-embedding-3-large', EMBEDDING, price(0.13, 0)),
];
