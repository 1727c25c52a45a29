import type { Message } from '../core/message.types';

/**
 * Cuts non-system messages into units that must stay together: an assistant message with tool
 * calls and the tool messages answering it form one unit, every other message is a unit alone.
 * Dropping whole units is what keeps a tool call from being separated from its result (providers
 * reject a tool result without its call, and a call without its result).
 */
export function messageUnits(messages: readonly Message[]): Message[][] {
  const units: Message[][] = [];
  let open: { unit: Message[]; pending: Set<string> } | undefined;
  for (const message of messages) {
    if (message.role === 'tool' && open !== undefined && open.pending.has(message.toolCallId)) {
      open.unit.push(message);
      open.pending.delete(message.toolCallId);
      if (open.pending.size === 0) open = undefined;
      continue;
    }
    const unit = [message];
    units.push(unit);
    const calls = message.role === 'assistant' ? (message.toolCalls ?? []) : [];
    open = calls.length > 0 ? { unit, pending: new Set(calls.map((call) => call.id)) } : undefined;
  }
  return units;
}
