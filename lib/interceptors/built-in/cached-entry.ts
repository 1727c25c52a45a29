import type { ChatResponse, EmbeddingResponse, StreamEvent } from '../../core';

/** What `ResponseCacheInterceptor` stores for one call, serialized as JSON. */
export type CachedEntry =
  | { readonly kind: 'chat'; readonly response: ChatResponse }
  | { readonly kind: 'stream'; readonly events: readonly StreamEvent[] }
  | { readonly kind: 'embed'; readonly response: EmbeddingResponse };

/**
 * Parses a stored entry; `undefined` for anything that is not one of ours (a corrupt or foreign
 * value must read as a miss, never fail the call).
 */
export function parseCachedEntry(text: string): CachedEntry | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const entry = value as { kind?: unknown; response?: unknown; events?: unknown };
  if ((entry.kind === 'chat' || entry.kind === 'embed') && isObject(entry.response)) {
    return value as CachedEntry;
  }
  if (entry.kind === 'stream' && Array.isArray(entry.events) && entry.events.every(isObject)) {
    return value as CachedEntry;
  }
  return undefined;
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}
