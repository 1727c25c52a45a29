import { ANTHROPIC_CATALOGUE } from './anthropic.catalogue';
import { GOOGLE_CATALOGUE } from './google.catalogue';
import { GROQ_CATALOGUE } from './groq.catalogue';
import type { CatalogueEntry } from './model-catalogue.types';
import { OPENAI_CATALOGUE } from './openai.catalogue';
import { PERPLEXITY_CATALOGUE } from './perplexity.catalogue';
import { XAI_CATALOGUE } from './xai.catalogue';

/**
 * Every model nestjs-conduit knows, with capabilities and list prices. Plain data: read it to pick
 * models or to estimate costs. Prices change; each entry's `pricing.asOf` says when they were taken.
 */
export const MODEL_CATALOGUE: readonly CatalogueEntry[] = [
  ...OPENAI_CATALOGUE,
  ...ANTHROPIC_CATALOGUE,
  ...GROQ_CATALOGUE,
  ...XAI_CATALOGUE,
  ...GOOGLE_CATALOGUE,
  ...PERPLEXITY_CATALOGUE,
];
