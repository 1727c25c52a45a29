import type { Usage } from '../../core';
import { readTokenCounts, type UsageSource } from '../shared/token-counts';
import { isRecord } from '../shared/wire-data';

/** Usage of a call that reported none. */
export const EMPTY_USAGE: Usage = { inputTokens: 0, outputTokens: 0, totalTokens: 0 };

const OPENAI: UsageSource = { provider: 'openai' };

/**
 * Maps a Chat Completions `usage` object. `cached_tokens` (DeepSeek: `prompt_cache_hit_tokens`)
 * becomes `cacheReadTokens` and `reasoning_tokens` becomes `reasoningTokens`, only when
 * reported. `total_tokens` is taken as sent (xAI counts reasoning in it but not in
 * `completion_tokens`). Impossible counts (negative, fractional, non-finite) are dropped with a
 * warning to `source` (see `readTokenCounts`): a
 * missing total is then input + output again.
 */
export function mapOpenAIUsage(raw: unknown, source: UsageSource = OPENAI): Usage {
  if (!isRecord(raw)) return EMPTY_USAGE;
  const prompt = isRecord(raw['prompt_tokens_details']) ? raw['prompt_tokens_details'] : {};
  const completion = isRecord(raw['completion_tokens_details'])
    ? raw['completion_tokens_details']
    : {};
  const counts = readTokenCounts(
    {
      prompt_tokens: raw['prompt_tokens'],
      completion_tokens: raw['completion_tokens'],
      total_tokens: raw['total_tokens'],
      // DeepSeek reports its cache hits beside the prompt count, not in the details.
      'prompt_tokens_details.cached_tokens':
        prompt['cached_tokens'] ?? raw['prompt_cache_hit_tokens'],
      'completion_tokens_details.reasoning_tokens': completion['reasoning_tokens'],
    },
    source,
  );
  const inputTokens = counts.prompt_tokens ?? 0;
  const outputTokens = counts.completion_tokens ?? 0;
  const cached = counts['prompt_tokens_details.cached_tokens'];
  const reasoning = counts['completion_tokens_details.reasoning_tokens'];
  return {
    inputTokens,
    outputTokens,
    totalTokens: counts.total_tokens ?? inputTokens + outputTokens,
    ...(cached !== undefined && { cacheReadTokens: cached }),
    ...(reasoning !== undefined && { reasoningTokens: reasoning }),
  };
}

/**
 * Maps the `usage` of an embeddings answer (`prompt_tokens`) to its input tokens: 0 when it is
 * missing or impossible (with a warning to `source`, see `readTokenCounts`).
 */
export function mapOpenAIEmbeddingUsage(raw: unknown, source: UsageSource = OPENAI): number {
  if (!isRecord(raw)) return 0;
  return readTokenCounts({ prompt_tokens: raw['prompt_tokens'] }, source).prompt_tokens ?? 0;
}
