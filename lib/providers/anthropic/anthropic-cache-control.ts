import type { CacheControl } from '../../core';

/** The `cache_control` value of a breakpoint, as the Messages API expects it. */
export function toAnthropicCacheControl(control: CacheControl): Record<string, unknown> {
  return control.ttl === undefined
    ? { type: control.type }
    : { type: control.type, ttl: control.ttl };
}

/** Adds a `cache_control` field to the last block of a list (a copy of that block). */
export function markLastBlock(blocks: Record<string, unknown>[], control: CacheControl): boolean {
  const index = blocks.length - 1;
  const last = blocks[index];
  if (last === undefined) return false;
  blocks[index] = { ...last, cache_control: toAnthropicCacheControl(control) };
  return true;
}
