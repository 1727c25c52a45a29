import type { ModelCapabilities } from '../core';
import type { ResolvedStructuredMode, StructuredMode } from './structured-options.types';

/**
 * The mode a call uses. `auto` takes the most reliable one the model supports: native schema
 * output, then a forced tool call, then JSON mode, then instructions alone. An explicit mode is
 * used as asked (the provider reports what it cannot do).
 */
export function resolveStructuredMode(
  requested: StructuredMode | undefined,
  capabilities: ModelCapabilities,
): ResolvedStructuredMode {
  if (requested !== undefined && requested !== 'auto') return requested;
  if (capabilities.structuredOutput) return 'json_schema';
  if (capabilities.tools) return 'tool';
  if (capabilities.jsonMode) return 'json';
  return 'prompt';
}
