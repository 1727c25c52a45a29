import type { Usage } from '../../core';

/**
 * xAI's Chat Completions count reasoning tokens in `total_tokens` but not in `completion_tokens`
 * (12 + 2 + 320 reasoning = 334). Every other provider counts them as output, and they are billed
 * as output, so they are added to `outputTokens`: input + output = total again. Applied only when
 * the numbers show the gap, so a future xAI that counts them in the completion is left alone.
 */
export function normalizeXaiUsage(usage: Usage): Usage {
  const reasoning = usage.reasoningTokens ?? 0;
  if (reasoning === 0) return usage;
  const gap = usage.totalTokens - usage.inputTokens - usage.outputTokens;
  if (gap !== reasoning) return usage;
  return { ...usage, outputTokens: usage.outputTokens + reasoning };
}
