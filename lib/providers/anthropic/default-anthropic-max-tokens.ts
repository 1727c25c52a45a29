/** `max_tokens` for model ids this code does not recognise: every Claude model accepts it. */
export const ANTHROPIC_FALLBACK_MAX_TOKENS = 4096;

/**
 * `max_tokens` for Claude 3.7 and every later family (Sonnet, Opus, Haiku 4.x and 5.x, ...).
 * Below the smallest output limit of those models (32K, Opus 4) and below the ~21K tokens past
 * which a non-streamed answer may outlive Anthropic's 10-minute guidance; an answer that needs more
 * asks for it with `maxTokens`. Kept moderate because the API counts `max_tokens` against the
 * output-tokens-per-minute rate limit when a request starts.
 */
export const ANTHROPIC_MODERN_MAX_TOKENS = 16_000;

/** Families with a smaller output limit, checked in order; the first prefix that matches wins. */
const LEGACY_FAMILIES: readonly (readonly [prefix: string, maxTokens: number])[] = [
  ['claude-3-7-', ANTHROPIC_MODERN_MAX_TOKENS],
  ['claude-3-5-', 8192],
  ['claude-3-', 4096],
  ['claude-2', 4096],
  ['claude-instant', 4096],
];

/**
 * The documented `max_tokens` default for a model id, used when neither the call (`maxTokens`) nor
 * the model settings (`defaultMaxTokens`) give one. The Messages API requires the field.
 *
 * | model ids | default |
 * | --- | --- |
 * | `claude-3-7-*` and every `claude-<family>-<4 or later>*` (`claude-sonnet-4-5`, `claude-opus-4-1`, `claude-haiku-4-5`, ...) | 16000 |
 * | `claude-3-5-*` | 8192 |
 * | `claude-3-*` (Haiku, Sonnet, Opus 3), `claude-2*`, `claude-instant*` | 4096 |
 * | anything else (fine-tunes, proxies with their own names) | 4096 |
 */
export function defaultAnthropicMaxTokens(modelId: string): number {
  const id = modelId.trim().toLowerCase();
  for (const [prefix, maxTokens] of LEGACY_FAMILIES) {
    if (id.startsWith(prefix)) return maxTokens;
  }
  return id.startsWith('claude-') ? ANTHROPIC_MODERN_MAX_TOKENS : ANTHROPIC_FALLBACK_MAX_TOKENS;
}
