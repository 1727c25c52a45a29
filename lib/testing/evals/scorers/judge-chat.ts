import { ChatService } from '../../../chat/chat.service';
import { ConduitError } from '../../../core';
import type { ScorerContext } from '../eval.types';

/** Where a model-based scorer sends its calls. */
export interface JudgeModelOptions {
  /** The ChatService to call. Default: the one of the eval's module. */
  readonly chat?: ChatService;
  /** The model alias to ask (a stronger model than the one under test, ideally). Default `default`. */
  readonly model?: string;
}

/** The ChatService a model-based scorer uses: given, else the target's. */
export function judgeChat(options: JudgeModelOptions, context: ScorerContext): ChatService {
  if (options.chat !== undefined) return options.chat;
  const chat = context.target?.get(ChatService, { strict: false }) as ChatService | undefined;
  if (chat === undefined) {
    throw new ConduitError(
      'This scorer calls a model: give the eval a module with ConduitModule, or pass { chat }.',
    );
  }
  return chat;
}

/** The case as the judge reads it: JSON for anything that is not text. */
export function asText(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value, null, 2) ?? String(value));
}
