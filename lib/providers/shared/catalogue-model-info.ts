import {
  findModelInfo,
  warnUnknownModelOnce,
  type ModelCapabilities,
  type ModelInfo,
} from '../../core';

/**
 * A model's identity, capabilities and prices from the model catalogue, `capabilities` overriding
 * the catalogue's. An id the catalogue does not know gets conservative capabilities and one process
 * warning, unless the user described the model: a user who set `capabilities` has been heard.
 */
export function catalogueModelInfo(
  provider: string,
  modelId: string,
  capabilities: Partial<ModelCapabilities> | undefined,
): ModelInfo {
  const lookup = findModelInfo(provider, modelId, capabilities);
  if (capabilities === undefined) warnUnknownModelOnce(lookup);
  return lookup.info;
}
