import type { Message } from '../core/message.types';

/** Why a stored assistant message is incomplete: the stream was aborted or failed before its end. */
export interface InterruptedMark {
  /** `aborted`: the caller unsubscribed, aborted or timed out; `failed`: the stream errored. */
  readonly reason: 'aborted' | 'failed';
  /** The error's name when there was one (`AbortedError`, `TimeoutError`, `ServerError`...). */
  readonly error?: string;
}

/** One stored message of a conversation, with when it was stored and whether it is complete. */
export interface ConversationEntry {
  readonly message: Message;
  /** Epoch milliseconds at which it was appended. */
  readonly at: number;
  /** Present on the partial answer of a stream that did not finish. */
  readonly interrupted?: InterruptedMark;
}

/** A model-written summary that stands for the first `upTo` entries of the conversation. */
export interface ConversationSummary {
  readonly text: string;
  /** How many entries (from the start) the summary replaces. */
  readonly upTo: number;
}

/**
 * A conversation as stored: an append-only log of entries plus, with the summarizing strategy, a
 * summary of its oldest part. The log is never rewritten, so concurrent appends cannot be lost.
 */
export interface StoredConversation {
  readonly entries: readonly ConversationEntry[];
  readonly summary?: ConversationSummary;
}

/** Options of `ConversationMemory.append`. */
export interface AppendOptions {
  /**
   * Marks the LAST message appended as the partial answer of an interrupted stream (the messages
   * before it, the turn's input, are complete).
   */
  readonly interrupted?: InterruptedMark;
}

/** The JSON document `ConversationMemory.export` produces and `import` reads back. */
export interface ConversationExport {
  readonly format: 'nestjs-conduit/conversation';
  readonly version: 1;
  readonly conversationId: string;
  readonly entries: readonly ConversationEntry[];
  readonly summary?: ConversationSummary;
}
