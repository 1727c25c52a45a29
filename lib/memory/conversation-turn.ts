import { ConduitValidationError } from '../core/errors/conduit-validation.error';
import type { Message } from '../core/message.types';
import { validateMessages } from '../chat/validate-messages';
import type { ConversationMemory } from './conversation-memory';
import { checkConversationId } from './conversation-memory.service';
import type { AppendOptions } from './conversation.types';

/** One call in a conversation: the history loaded, the caller's new messages, and how to save. */
export interface ConversationTurn {
  /** History (per the strategy) followed by the new messages: what the model is sent. */
  readonly messages: readonly Message[];
  /** The caller's new messages (a string became one user message). */
  readonly input: readonly Message[];
  /** Appends the input and the answer as one unit. */
  save(answer: readonly Message[], options?: AppendOptions): Promise<void>;
}

/**
 * Loads the history of `conversationId` and puts the caller's messages after it. Fails with
 * `ConduitValidationError` (before any model call) when no memory is configured, the id is not a
 * non-empty string, or the messages are invalid.
 */
export async function openConversationTurn(
  memory: ConversationMemory | undefined,
  conversationId: unknown,
  messages: string | readonly Message[],
): Promise<ConversationTurn> {
  if (memory === undefined) {
    throw new ConduitValidationError(
      [
        {
          path: 'conversationId',
          message:
            'needs conversation memory: import ConduitMemoryModule.forRoot() (or provide ConversationMemory)',
        },
      ],
      'Invalid chat request',
    );
  }
  checkConversationId(conversationId);
  const checked = validateMessages(messages);
  if (checked.issues.length > 0) {
    throw new ConduitValidationError(checked.issues, 'Invalid chat request');
  }
  const input = checked.messages;
  const history = await memory.load(conversationId);
  return {
    messages: [...history, ...input],
    input,
    save: (answer, options) => memory.append(conversationId, [...input, ...answer], options),
  };
}
