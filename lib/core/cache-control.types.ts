/**
 * A prompt-cache breakpoint: the provider caches the prompt up to and including the marked message,
 * system prompt or tool list, and later calls that start with the same prefix read it from the
 * cache at a lower price. Providers with explicit caching (Anthropic `cache_control`) send it;
 * providers that cache automatically (OpenAI, Groq, xAI) need no marker and ignore it.
 *
 * @example
 * const system: SystemMessage = { role: 'system', content: longRules, cacheControl: { type: 'ephemeral' } };
 */
export interface CacheControl {
  readonly type: 'ephemeral';
  /** How long the cached prefix lives: `5m` (the provider default) or `1h` (costs more to write). */
  readonly ttl?: '5m' | '1h';
}
