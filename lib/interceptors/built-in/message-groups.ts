import type { ConduitCallContext, Message } from '../../core';
import { ConduitMetadataKeys } from './conduit-metadata.keys';

/** System messages first (in their order), then the others (in theirs). */
export function systemFirst(messages: readonly Message[]): Message[] {
  return [
    ...messages.filter((m) => m.role === 'system'),
    ...messages.filter((m) => m.role !== 'system'),
  ];
}

/**
 * The newest groups whose cost fits `budget`, walking back from the newest and stopping at the
 * first that does not fit (so the kept messages stay one contiguous, recent stretch). The newest
 * group is always kept, even over budget, so the call still carries the latest turn.
 */
export function newestGroupsWithin(
  groups: readonly Message[][],
  budget: number,
  cost: (group: readonly Message[]) => number,
): Message[] {
  const kept: Message[][] = [];
  let spent = 0;
  for (let i = groups.length - 1; i >= 0; i--) {
    const group = groups[i];
    const price = cost(group);
    if (kept.length > 0 && spent + price > budget) break;
    kept.unshift(group);
    spent += price;
  }
  return kept.flat();
}

/**
 * Adds `dropped` to the count under `ConduitMetadataKeys.trimmedMessages`. Adding (not setting)
 * keeps the figure right when a retry runs the shaping again on the already shaped request.
 */
export function noteTrimmed(context: ConduitCallContext, dropped: number): void {
  if (dropped <= 0) return;
  const before = context.metadata.get(ConduitMetadataKeys.trimmedMessages);
  context.metadata.set(
    ConduitMetadataKeys.trimmedMessages,
    (typeof before === 'number' ? before : 0) + dropped,
  );
}
