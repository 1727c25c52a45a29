import type { ModelCapabilities } from '../model-info.types';
import { CONSERVATIVE_CAPABILITIES } from './default-capabilities';
import { MODEL_CATALOGUE } from './model-catalogue';
import type { CatalogueEntry, ModelLookup } from './model-catalogue.types';

/** Snapshot suffixes: `-2024-08-06`, `-20250929`, `-0709` (xAI, old OpenAI), `-latest`. */
const SNAPSHOT_SUFFIX = /-(?:\d{4}-\d{2}-\d{2}|\d{8}|\d{4}|latest)$/;

/**
 * The id a model is catalogued under: lower-cased, without its snapshot suffix
 * (`gpt-4o-2024-08-06` -> `gpt-4o`, `claude-sonnet-4-20250514` -> `claude-sonnet-4`).
 */
export function normalizeModelId(modelId: string): string {
  return modelId.trim().toLowerCase().replace(SNAPSHOT_SUFFIX, '');
}

function findEntry(provider: string, id: string): CatalogueEntry | undefined {
  return MODEL_CATALOGUE.find(
    (entry) =>
      entry.provider === provider && (entry.modelId === id || entry.aliases?.includes(id) === true),
  );
}

/**
 * Looks a model up in the catalogue. Dated snapshot ids resolve to their model. An unknown id (a
 * model newer than the catalogue, a fine-tune, a local model) still gets an answer: conservative
 * capabilities, no prices and `known: false`, so the caller can warn once (see
 * `warnUnknownModelOnce`). `overrides` replace catalogue capabilities (user-set flags win).
 *
 * @example
 * const { info, known } = findModelInfo('openai', 'gpt-4o-2024-08-06');
 * // info.capabilities.maxContextTokens === 128_000, info.pricing?.inputPerMillion === 2.5
 */
export function findModelInfo(
  provider: string,
  modelId: string,
  overrides: Partial<ModelCapabilities> = {},
): ModelLookup {
  const exact = modelId.trim().toLowerCase();
  const entry = findEntry(provider, exact) ?? findEntry(provider, normalizeModelId(exact));
  if (entry === undefined) {
    return {
      info: { provider, modelId, capabilities: { ...CONSERVATIVE_CAPABILITIES, ...overrides } },
      known: false,
    };
  }
  return {
    info: {
      provider,
      modelId,
      capabilities: { ...entry.capabilities, ...overrides },
      pricing: entry.pricing,
    },
    known: true,
    catalogueId: entry.modelId,
  };
}
