import { ConduitValidationError } from '../core/errors/conduit-validation.error';
import type { Message } from '../core/message.types';
import { countMessageTokens } from '../tokens/count-tokens';
import type { StoredConversation } from './conversation.types';
import type { MemoryStrategy } from './memory-strategy.interface';
import { messageUnits } from '../core/message-units';

/** Options of `WindowedMemoryStrategy`: at least one of `maxMessages` and `maxTokens`. */
export interface WindowedMemoryOptions {
  /** Most non-system messages sent. */
  readonly maxMessages?: number;
  /** Most tokens sent, system messages included (counted with `countMessageTokens`). */
  readonly maxTokens?: number;
  /** The provider model id to count tokens for: exact for OpenAI ids, an estimate otherwise. */
  readonly tokenModel?: string;
}

function isPositiveInteger(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

/**
 * Sends the newest part of the history that fits `maxMessages` and/or `maxTokens`. System
 * messages are always sent (first), and a tool call is never separated from its results: an
 * assistant turn with tool calls and its tool messages are kept or dropped together. The window
 * is contiguous: it stops at the first (newest-to-oldest) unit that does not fit, rather than
 * skipping it and sending an older one out of context.
 *
 * @example
 * new WindowedMemoryStrategy({ maxTokens: 3000, tokenModel: 'gpt-4o-mini' })
 */
export class WindowedMemoryStrategy implements MemoryStrategy {
  constructor(private readonly options: WindowedMemoryOptions) {
    const issues = [];
    if (options.maxMessages === undefined && options.maxTokens === undefined) {
      issues.push({ path: 'maxMessages', message: 'give maxMessages, maxTokens or both' });
    }
    for (const key of ['maxMessages', 'maxTokens'] as const) {
      if (options[key] !== undefined && !isPositiveInteger(options[key])) {
        issues.push({ path: key, message: 'must be a positive integer' });
      }
    }
    if (issues.length > 0) {
      throw new ConduitValidationError(issues, 'Invalid WindowedMemoryStrategy options');
    }
  }

  view(conversation: StoredConversation): Message[] {
    const messages = conversation.entries.map((entry) => entry.message);
    return windowMessages(messages, this.options);
  }
}

/** The window of `messages` (see `WindowedMemoryStrategy`). */
export function windowMessages(
  messages: readonly Message[],
  options: WindowedMemoryOptions,
): Message[] {
  const count = (message: Message): number =>
    countMessageTokens(
      message,
      options.tokenModel === undefined ? {} : { model: options.tokenModel },
    );
  const system = messages.filter((message) => message.role === 'system');
  const units = messageUnits(messages.filter((message) => message.role !== 'system'));
  let messagesLeft = options.maxMessages ?? Number.POSITIVE_INFINITY;
  let tokensLeft =
    (options.maxTokens ?? Number.POSITIVE_INFINITY) -
    (options.maxTokens === undefined ? 0 : system.reduce((sum, m) => sum + count(m), 0));
  const kept: Message[][] = [];
  for (let index = units.length - 1; index >= 0; index--) {
    const unit = units[index] ?? [];
    const tokens = options.maxTokens === undefined ? 0 : unit.reduce((s, m) => s + count(m), 0);
    if (unit.length > messagesLeft || tokens > tokensLeft) break;
    messagesLeft -= unit.length;
    tokensLeft -= tokens;
    kept.unshift(unit);
  }
  return [...system, ...kept.flat()];
}
