import { ConduitError } from '../core/errors/conduit.error';
import { ConduitValidationError } from '../core/errors/conduit-validation.error';
import type { Message } from '../core/message.types';
import { countTokens } from '../tokens/count-tokens';
import type { ConversationSummary, StoredConversation } from './conversation.types';
import type { MemoryChat, MemoryStrategy } from './memory-strategy.interface';
import { renderTranscript } from './render-transcript';

/** The default instructions of the summary call. */
export const DEFAULT_SUMMARY_PROMPT =
  'You condense conversations. Write a concise summary of the conversation below, keeping every ' +
  'fact, decision, name, number and open question a later turn may need. If a previous summary ' +
  'is given, merge it into the new one. Answer with the summary only.';

/** The text that introduces the summary in the system note the model is sent. */
export const SUMMARY_NOTE_PREFIX = 'Summary of the earlier conversation:\n';

/** Options of `SummarizingMemoryStrategy`: the threshold, the model and the prompt. */
export interface SummarizingMemoryOptions {
  /** Summarize when the messages since the last summary are MORE than this many. Default 20. */
  readonly maxMessages?: number;
  /** ...or when they take more than this many tokens (either limit triggers it). */
  readonly maxTokens?: number;
  /** Newest messages kept word for word when summarizing. Default 6. */
  readonly keepRecent?: number;
  /** Alias of the chat model that writes the summary. Default: the `default` model. */
  readonly model?: string;
  /** Instructions of the summary call. Default `DEFAULT_SUMMARY_PROMPT`. */
  readonly prompt?: string;
  /** The provider model id to count tokens for (`maxTokens`). */
  readonly tokenModel?: string;
}

function check(options: SummarizingMemoryOptions): void {
  const issues = [];
  for (const key of ['maxMessages', 'maxTokens'] as const) {
    const value = options[key];
    if (value !== undefined && !(Number.isInteger(value) && value > 0)) {
      issues.push({ path: key, message: 'must be a positive integer' });
    }
  }
  const keep = options.keepRecent;
  if (keep !== undefined && !(Number.isInteger(keep) && keep >= 0)) {
    issues.push({ path: 'keepRecent', message: 'must be an integer >= 0' });
  }
  if (options.prompt !== undefined && options.prompt.trim() === '') {
    issues.push({ path: 'prompt', message: 'must not be empty' });
  }
  if (issues.length > 0) {
    throw new ConduitValidationError(issues, 'Invalid SummarizingMemoryStrategy options');
  }
}

/**
 * When the messages since the last summary pass the threshold, the older ones are replaced by a
 * model-written summary, sent as a system note; the newest `keepRecent` stay word for word. The
 * summary call goes through `ChatService` (and so through the interceptors). The stored log is
 * never rewritten: the summary records how many entries it stands for. System messages of the
 * summarized part are still sent (first), and the cut never falls between a tool call and its
 * results. A new summary includes the previous one, so nothing summarized is ever dropped.
 *
 * @example
 * new SummarizingMemoryStrategy({ maxMessages: 30, keepRecent: 6, model: 'fast' })
 */
export class SummarizingMemoryStrategy implements MemoryStrategy {
  protected readonly maxMessages: number;
  protected readonly keepRecent: number;

  constructor(protected readonly options: SummarizingMemoryOptions = {}) {
    check(options);
    this.maxMessages = options.maxMessages ?? 20;
    this.keepRecent = options.keepRecent ?? 6;
  }

  view(conversation: StoredConversation): Message[] {
    const messages = conversation.entries.map((entry) => entry.message);
    const summary = conversation.summary;
    if (summary === undefined) return messages;
    const pinned = messages.slice(0, summary.upTo).filter((m) => m.role === 'system');
    const note: Message = { role: 'system', content: SUMMARY_NOTE_PREFIX + summary.text };
    return [...pinned, note, ...messages.slice(summary.upTo)];
  }

  async compact(
    conversation: StoredConversation,
    chat: MemoryChat | undefined,
  ): Promise<ConversationSummary | undefined> {
    const messages = conversation.entries.map((entry) => entry.message);
    const from = conversation.summary?.upTo ?? 0;
    if (!this.overThreshold(messages.slice(from))) return undefined;
    let cut = messages.length - this.keepRecent;
    // Never keep a tool result without the call it answers: move the cut back to the call.
    while (cut > from && messages[cut]?.role === 'tool') cut--;
    if (cut <= from) return undefined;
    if (chat === undefined) {
      throw new ConduitError(
        'SummarizingMemoryStrategy needs a model to write summaries: use ConduitMemoryModule.forRoot() (summaries go through ChatService) or pass `chat` to ConversationMemoryService.',
      );
    }
    const transcript = renderTranscript(
      messages.slice(from, cut).filter((m) => m.role !== 'system'),
    );
    const previous = conversation.summary?.text;
    const request: Message[] = [
      { role: 'system', content: this.options.prompt ?? DEFAULT_SUMMARY_PROMPT },
      {
        role: 'user',
        content:
          (previous === undefined ? '' : `Previous summary:\n${previous}\n\n`) +
          `Conversation:\n${transcript}`,
      },
    ];
    const response = await chat(
      request,
      this.options.model === undefined ? {} : { model: this.options.model },
    );
    return { text: response.text.trim(), upTo: cut };
  }

  private overThreshold(messages: readonly Message[]): boolean {
    if (messages.length > this.maxMessages) return true;
    const maxTokens = this.options.maxTokens;
    if (maxTokens === undefined) return false;
    const model = this.options.tokenModel;
    return countTokens(messages, undefined, model === undefined ? {} : { model }) > maxTokens;
  }
}
