import type { Usage } from '../../core';
import { isRecord, optionalNumber } from '../shared/wire-data';

/** Usage of a call that reported none. */
export const EMPTY_USAGE: Usage = { inputTokens: 0, outputTokens: 0, totalTokens: 0 };

/**
 * Maps a Chat Completions `usage` object. `cached_tokens` becomes `cacheReadTokens` and
 * `reasoning_tokens` becomes `reasoningTokens`, only when reported. `total_tokens` is taken as
 * sent (xAI counts reasoning in it but not in `completion_tokens`).
 */
export function mapOpenAIUsage(raw: unknown): Usage {
  if (!isRecord(raw)) return EMPTY_USAGE;
  const inputTokens = optionalNumber(raw['prompt_tokens']) ?? 0;
  const outputTokens = optionalNumber(raw['completion_tokens']) ?? 0;
  const totalTokens = optionalNumber(raw['total_tokens']) ?? inputTokens + outputTokens;
  const prompt = raw['prompt_tokens_details'];
  const completion = raw['completion_tokens_details'];
  const cached = isRecord(prompt) ? optionalNumber(prompt['cached_tokens']) : undefined;
  const reasoning = isRecord(completion)
    ? optionalNumber(completion['reasoning_tokens'])
    : undefined;
  return {
    inputTokens,
    outputTokens,
    totalTokens,
    ...(cached !== undefined && { cacheReadTokens: cached }),
    ...(reasoning !== undefined && { reasoningTokens: reasoning }),
  };
}
