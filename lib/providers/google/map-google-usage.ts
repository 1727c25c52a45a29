import type { Usage } from '../../core';
import { readTokenCounts, type UsageSource } from '../shared/token-counts';
import { isRecord } from '../shared/wire-data';

/**
 * Maps `usageMetadata`. `promptTokenCount` already includes the cached prefix
 * (`cachedContentTokenCount`, kept as `cacheReadTokens`), as OpenAI's `prompt_tokens` does;
 * `toolUsePromptTokenCount` is added to the input. Thinking is billed as output but counted apart
 * (`thoughtsTokenCount`): `outputTokens` is candidates plus thoughts, `reasoningTokens` the
 * thoughts, so costs and budgets see every billed token. Impossible counts are dropped with a
 * warning (see `readTokenCounts`).
 */
export function mapGoogleUsage(raw: unknown, source: UsageSource = { provider: 'google' }): Usage {
  const usage = isRecord(raw) ? raw : {};
  const counts = readTokenCounts(
    {
      promptTokenCount: usage['promptTokenCount'],
      toolUsePromptTokenCount: usage['toolUsePromptTokenCount'],
      cachedContentTokenCount: usage['cachedContentTokenCount'],
      candidatesTokenCount: usage['candidatesTokenCount'],
      thoughtsTokenCount: usage['thoughtsTokenCount'],
    },
    source,
  );
  const inputTokens = (counts.promptTokenCount ?? 0) + (counts.toolUsePromptTokenCount ?? 0);
  const thoughts = counts.thoughtsTokenCount;
  const outputTokens = (counts.candidatesTokenCount ?? 0) + (thoughts ?? 0);
  const cached = counts.cachedContentTokenCount;
  return {
    inputTokens,
    outputTokens,
    totalTokens: inputTokens + outputTokens,
    ...(cached !== undefined && { cacheReadTokens: cached }),
    ...(thoughts !== undefined && { reasoningTokens: thoughts }),
  };
}
