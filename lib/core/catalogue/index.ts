export * from './model-catalogue.types';
export * from './default-capabilities';
export * from './model-catalogue';
export * from './find-model-info';
export * from './unknown-model-warning';
export { OPENAI_CATALOGUE, OPENAI_PRICES_AS_OF } from './openai.catalogue';
export { ANTHROPIC_CATALOGUE, ANTHROPIC_PRICES_AS_OF } from './anthropic.catalogue';
export { GROQ_CATALOGUE, GROQ_PRICES_AS_OF } from './groq.catalogue';
export { XAI_CATALOGUE, XAI_PRICES_AS_OF } from './xai.catalogue';
