import type { ChatResponse } from '../core/chat-response.types';
import type { Message } from '../core/message.types';
import type { ConversationSummary, StoredConversation } from './conversation.types';

/**
 * How a strategy asks a model for a summary. `ConduitMemoryModule` passes one that calls
 * `ChatService.chat`, so the summary call runs through the interceptor chain like any other call.
 */
export type MemoryChat = (
  messages: readonly Message[],
  options: { readonly model?: string },
) => Promise<ChatResponse>;

/**
 * Decides what part of a stored conversation the model is sent, and (optionally) when to replace
 * its oldest part with a summary. Built-ins: `FullHistoryStrategy`, `WindowedMemoryStrategy`,
 * `SummarizingMemoryStrategy`.
 */
export interface MemoryStrategy {
  /** The messages to send the model, oldest first. Pure: no I/O. */
  view(conversation: StoredConversation): Message[];
  /**
   * Called after each append: resolves with a new summary to store when the history has grown
   * past the strategy's threshold, else `undefined`.
   */
  compact?(
    conversation: StoredConversation,
    chat: MemoryChat | undefined,
  ): Promise<ConversationSummary | undefined>;
}
