import type { Usage } from '../../core';
import { isRecord, optionalNumber } from '../shared/wire-data';

/**
 * Maps a Responses API `usage` object. `output_tokens` already includes the reasoning tokens;
 * `cached_tokens` becomes `cacheReadTokens` and `reasoning_tokens` `reasoningTokens`, when sent.
 */
export function mapResponsesUsage(raw: unknown): Usage {
  if (!isRecord(raw)) return { inputTokens: 0, outputTokens: 0, totalTokens: 0 };
  const inputTokens = optionalNumber(raw['input_tokens']) ?? 0;
  const outputTokens = optionalNumber(raw['output_tokens']) ?? 0;
  const input = raw['input_tokens_details'];
  const output = raw['output_tokens_details'];
  const cached = isRecord(input) ? optionalNumber(input['cached_tokens']) : undefined;
  const reasoning = isRecord(output) ? optionalNumber(output['reasoning_tokens']) : undefined;
  return {
    inputTokens,
    outputTokens,
    totalTokens: optionalNumber(raw['total_tokens']) ?? inputTokens + outputTokens,
    ...(cached !== undefined && { cacheReadTokens: cached }),
    ...(reasoning !== undefined && { reasoningTokens: reasoning }),
  };
}
