import type { Usage } from '../../core';
import type { AiSdkUsage } from './ai-sdk-spec.types';

const count = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;

interface UsageDetails {
  readonly cacheReadTokens?: number | undefined;
  readonly cacheWriteTokens?: number | undefined;
  readonly reasoningTokens?: number | undefined;
}

/**
 * The spec's usage as ours: V2 is flat (`inputTokens`, `cachedInputTokens`, `reasoningTokens`);
 * V3 splits input into `total` / `cacheRead` / `cacheWrite` and output into `total` / `reasoning`.
 * A count the provider did not report is 0, or left out for the optional fields.
 */
export function mapAiSdkUsage(usage: AiSdkUsage | undefined): Usage {
  if (usage === undefined) return { inputTokens: 0, outputTokens: 0, totalTokens: 0 };
  if (typeof usage.inputTokens === 'object' && typeof usage.outputTokens === 'object') {
    const { inputTokens: input, outputTokens: output } = usage;
    return toUsage(count(input.total) ?? 0, count(output.total) ?? 0, undefined, {
      cacheReadTokens: count(input.cacheRead),
      cacheWriteTokens: count(input.cacheWrite),
      reasoningTokens: count(output.reasoning),
    });
  }
  const flat = usage as Extract<AiSdkUsage, { totalTokens: unknown }>;
  return toUsage(
    count(flat.inputTokens) ?? 0,
    count(flat.outputTokens) ?? 0,
    count(flat.totalTokens),
    {
      cacheReadTokens: count(flat.cachedInputTokens),
      reasoningTokens: count(flat.reasoningTokens),
    },
  );
}

function toUsage(
  inputTokens: number,
  outputTokens: number,
  totalTokens: number | undefined,
  details: UsageDetails,
): Usage {
  return {
    inputTokens,
    outputTokens,
    totalTokens: totalTokens ?? inputTokens + outputTokens,
    ...(details.cacheReadTokens !== undefined && { cacheReadTokens: details.cacheReadTokens }),
    ...(details.cacheWriteTokens !== undefined && { cacheWriteTokens: details.cacheWriteTokens }),
    ...(details.reasoningTokens !== undefined && { reasoningTokens: details.reasoningTokens }),
  };
}
