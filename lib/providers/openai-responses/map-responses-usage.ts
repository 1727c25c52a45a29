import type { Usage } from '../../core';
import { readTokenCounts, type UsageSource } from '../shared/token-counts';
import { isRecord } from '../shared/wire-data';

/**
 * Maps a Responses API `usage` object. `output_tokens` already includes the reasoning tokens;
 * `cached_tokens` becomes `cacheReadTokens` and `reasoning_tokens` `reasoningTokens`, when sent.
 * Impossible counts (negative, fractional, non-finite) are dropped with a warning to `source`
 * (see `readTokenCounts`): a missing total is then input + output again.
 */
export function mapResponsesUsage(
  raw: unknown,
  source: UsageSource = { provider: 'openai' },
): Usage {
  if (!isRecord(raw)) return { inputTokens: 0, outputTokens: 0, totalTokens: 0 };
  const input = isRecord(raw['input_tokens_details']) ? raw['input_tokens_details'] : {};
  const output = isRecord(raw['output_tokens_details']) ? raw['output_tokens_details'] : {};
  const counts = readTokenCounts(
    {
      input_tokens: raw['input_tokens'],
      output_tokens: raw['output_tokens'],
      total_tokens: raw['total_tokens'],
      'input_tokens_details.cached_tokens': input['cached_tokens'],
      'output_tokens_details.reasoning_tokens': output['reasoning_tokens'],
    },
    source,
  );
  const inputTokens = counts.input_tokens ?? 0;
  const outputTokens = counts.output_tokens ?? 0;
  const cached = counts['input_tokens_details.cached_tokens'];
  const reasoning = counts['output_tokens_details.reasoning_tokens'];
  return {
    inputTokens,
    outputTokens,
    totalTokens: counts.total_tokens ?? inputTokens + outputTokens,
    ...(cached !== undefined && { cacheReadTokens: cached }),
    ...(reasoning !== undefined && { reasoningTokens: reasoning }),
  };
}
