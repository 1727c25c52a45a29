import {
  ANTHROPIC_FALLBACK_MAX_TOKENS,
  ANTHROPIC_MODERN_MAX_TOKENS,
  defaultAnthropicMaxTokens,
} from './default-anthropic-max-tokens';

describe('defaultAnthropicMaxTokens', () => {
  it.each([
    ['claude-sonnet-4-20250514', ANTHROPIC_MODERN_MAX_TOKENS],
    ['claude-sonnet-4-5', ANTHROPIC_MODERN_MAX_TOKENS],
    ['claude-opus-4-1-20250805', ANTHROPIC_MODERN_MAX_TOKENS],
    ['claude-haiku-4-5-20251001', ANTHROPIC_MODERN_MAX_TOKENS],
    ['claude-fable-5-1', ANTHROPIC_MODERN_MAX_TOKENS],
    ['claude-3-7-sonnet-latest', ANTHROPIC_MODERN_MAX_TOKENS],
    ['claude-3-5-haiku-20241022', 8192],
    ['claude-3-5-sonnet-latest', 8192],
    ['claude-3-haiku-20240307', 4096],
    ['claude-3-opus-20240229', 4096],
    ['claude-2.1', 4096],
    ['claude-instant-1.2', 4096],
    ['my-proxy-model', ANTHROPIC_FALLBACK_MAX_TOKENS],
  ])('gives %s a default of %d', (model, expected) => {
    expect(defaultAnthropicMaxTokens(model)).toBe(expected);
  });

  it('stays within the output limit of every family it names', () => {
    // Opus 4 has the smallest output limit of the modern families (32K).
    expect(ANTHROPIC_MODERN_MAX_TOKENS).toBeLessThanOrEqual(32_000);
    expect(ANTHROPIC_FALLBACK_MAX_TOKENS).toBe(4096);
  });
});
