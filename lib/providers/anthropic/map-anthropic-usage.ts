import type { Usage } from '../../core';
import { readTokenCounts, type UsageSource } from '../shared/token-counts';
import { isRecord, type WireRecord } from '../shared/wire-data';

/**
 * Maps a Messages API `usage` object.
 *
 * Anthropic's `input_tokens` counts only the tokens AFTER the last cache breakpoint; the cached
 * prefix is reported apart as `cache_read_input_tokens` and `cache_creation_input_tokens`.
 * `inputTokens` here is the sum of the three, the whole prompt, so that totals (and budgets, and
 * dashboards) compare across providers: OpenAI's `prompt_tokens` also includes its cached tokens.
 * The two cache counts are kept as `cacheReadTokens` / `cacheWriteTokens` (when reported, even 0)
 * for pricing. `output_tokens_details.thinking_tokens` becomes `reasoningTokens`; it is part of
 * `outputTokens`, as Anthropic counts it. Impossible counts (negative, fractional, non-finite)
 * are dropped with a warning to `source` (see `readTokenCounts`).
 */
export function mapAnthropicUsage(
  raw: unknown,
  source: UsageSource = { provider: 'anthropic' },
): Usage {
  const usage: WireRecord = isRecord(raw) ? raw : {};
  const details = isRecord(usage['output_tokens_details']) ? usage['output_tokens_details'] : {};
  const counts = readTokenCounts(
    {
      input_tokens: usage['input_tokens'],
      cache_read_input_tokens: usage['cache_read_input_tokens'],
      cache_creation_input_tokens: usage['cache_creation_input_tokens'],
      output_tokens: usage['output_tokens'],
      'output_tokens_details.thinking_tokens': details['thinking_tokens'],
    },
    source,
  );
  const cacheRead = counts.cache_read_input_tokens;
  const cacheWrite = counts.cache_creation_input_tokens;
  const outputTokens = counts.output_tokens ?? 0;
  const reasoning = counts['output_tokens_details.thinking_tokens'];
  const inputTokens = (counts.input_tokens ?? 0) + (cacheRead ?? 0) + (cacheWrite ?? 0);
  return {
    inputTokens,
    outputTokens,
    totalTokens: inputTokens + outputTokens,
    ...(cacheRead !== undefined && { cacheReadTokens: cacheRead }),
    ...(cacheWrite !== undefined && { cacheWriteTokens: cacheWrite }),
    ...(reasoning !== undefined && { reasoningTokens: reasoning }),
  };
}

/**
 * Merges the `usage` of a `message_delta` event into the one `message_start` sent. The delta's
 * counts are cumulative, so each field it carries (with a non-null value) replaces the earlier one;
 * fields it leaves out (older API versions send only `output_tokens`) keep their start value.
 */
export function mergeAnthropicUsage(start: WireRecord, delta: unknown): WireRecord {
  if (!isRecord(delta)) return start;
  const merged: Record<string, unknown> = { ...start };
  for (const [key, value] of Object.entries(delta)) {
    if (value !== null && value !== undefined) merged[key] = value;
  }
  return merged;
}
