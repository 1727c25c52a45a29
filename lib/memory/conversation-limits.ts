import type { ConversationEntry, ConversationSummary } from './conversation.types';

/** Default `maxConversations` of `InMemoryConversationStore`. */
export const DEFAULT_MAX_CONVERSATIONS = 10_000;

/** Default `maxMessagesPerConversation` of both stores. */
export const DEFAULT_MAX_MESSAGES_PER_CONVERSATION = 1_000;

/** Default `ttlMs` of both stores: a conversation not written for 24 hours is forgotten. */
export const DEFAULT_CONVERSATION_TTL_MS = 24 * 60 * 60 * 1000;

/** Entries `[from, to)` of a log to drop. */
export interface TrimRange {
  readonly from: number;
  readonly to: number;
}

/**
 * Which entries to drop so that at most `max` remain, oldest first. The leading system messages
 * (the instructions a conversation was started with) are kept, unless they alone reach `max`:
 * the strategies send system messages on every turn, so losing them would change the
 * conversation's behaviour rather than just shorten its memory. The cut never leaves a tool
 * result without the call it answers (providers reject that). `RedisConversationStore` applies
 * the same rule in Lua (redis-conversation.scripts.ts): change both together.
 */
export function trimRange(
  entries: readonly ConversationEntry[],
  max: number,
): TrimRange | undefined {
  if (entries.length <= max) return undefined;
  let head = 0;
  while (head < max && entries[head]?.message.role === 'system') head++;
  if (head >= max) head = 0;
  let to = head + entries.length - max;
  while (to < entries.length && entries[to]?.message.role === 'tool') to++;
  return { from: head, to };
}

/**
 * The summary after entries `[from, to)` were dropped: `upTo` still counts the entries it stands
 * for, now fewer. The text is kept even when all of them are gone, as it is then the only trace
 * of the dropped part.
 */
export function shiftSummary(summary: ConversationSummary, range: TrimRange): ConversationSummary {
  const upTo =
    summary.upTo > range.to
      ? summary.upTo - (range.to - range.from)
      : Math.min(summary.upTo, range.from);
  return { text: summary.text, upTo };
}
