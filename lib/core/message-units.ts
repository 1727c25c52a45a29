import type { Message } from './message.types';

/**
 * Cuts a conversation into the units a window keeps or drops whole: an assistant message with
 * tool calls together with the run of tool messages right after it; every other message is a unit
 * alone. Used by the message-shaping interceptors and by the windowed memory strategy, so both
 * trim by the same rule.
 *
 * Membership is by position, not by id: every tool message of the run stays with the call turn,
 * including a second result for the same call and a result whose id answers none of the turn's
 * calls. Providers accept tool results only right after the message that made the calls, so
 * cutting inside the run could only leave a result without its call, never repair one. The run
 * ends at the first message that is not a tool message (a user, assistant or system message); a
 * tool message after that, or with no tool-call message before it, is a unit alone. An assistant
 * message with an empty `toolCalls` array opens no run.
 */
export function messageUnits(messages: readonly Message[]): Message[][] {
  const units: Message[][] = [];
  let open: Message[] | undefined;
  for (const message of messages) {
    if (message.role === 'tool' && open !== undefined) {
      open.push(message);
      continue;
    }
    const unit = [message];
    units.push(unit);
    open = message.role === 'assistant' && (message.toolCalls?.length ?? 0) > 0 ? unit : undefined;
  }
  return units;
}
