import type { ChatOptions } from '../chat/chat-options.types';
import type { ChatResponse, Message, ValidationIssue } from '../core';
import { addUsage, ZERO_USAGE } from '../core/sum-usage';
import { feedbackMessages } from './feedback-messages';
import { prepareSchema } from './object-schema';
import { readStructuredAnswer } from './read-structured-answer';
import { StructuredOutputError } from './structured-output.error';
import type { StructuredChatPort } from './structured-chat.port';
import { resolveStructuredMode } from './structured-mode';
import type { GenerateObjectOptions, GenerateResult } from './structured-options.types';
import { buildStructuredCall } from './structured-request';
import { validateStructuredOptions } from './validate-structured-options';

/** Default corrections asked of the model: at most three answers in all. */
export const DEFAULT_STRUCTURED_MAX_RETRIES = 2;

/** Hooks of the attempt loop, used by the streamed variant. */
export interface StructuredAttemptHooks {
  /** Makes the model call of one attempt (default: `port.chat`). */
  readonly call?: (
    messages: readonly Message[],
    options: ChatOptions,
    attempt: number,
  ) => Promise<ChatResponse>;
  /** Called when an answer was invalid and attempt `nextAttempt` is about to start. */
  readonly onRetry?: (nextAttempt: number, issues: readonly ValidationIssue[]) => void;
}

function toMessages(messages: string | readonly Message[]): readonly Message[] {
  return typeof messages === 'string' ? [{ role: 'user', content: messages }] : messages;
}

/**
 * Asks the model for an object of the schema and returns it validated. On an invalid answer (no
 * JSON, schema violations, a missing tool call) the problems are sent back and the model tries
 * again, up to `maxRetries` times; then `StructuredOutputError` carries the last raw answer, its
 * issues and the summed usage. A refusal fails at once. Model errors (`RateLimitError`...) pass
 * through unchanged.
 */
export async function generateObjectWith<T>(
  port: StructuredChatPort,
  input: string | readonly Message[],
  options: GenerateObjectOptions,
  hooks: StructuredAttemptHooks = {},
): Promise<GenerateResult<T>> {
  validateStructuredOptions(options);
  const schema = prepareSchema(options.schema, options.name);
  const mode = resolveStructuredMode(options.mode, port.capabilities(options.model));
  const maxRetries = options.maxRetries ?? DEFAULT_STRUCTURED_MAX_RETRIES;
  const call = hooks.call ?? ((messages, chatOptions) => port.chat(messages, chatOptions));
  const conversation: Message[] = [...toMessages(input)];
  let usage = ZERO_USAGE;
  for (let attempt = 1; ; attempt += 1) {
    const request = buildStructuredCall(conversation, mode, schema, options);
    const response = await call(request.messages, request.chatOptions, attempt);
    usage = addUsage(usage, response.usage);
    if (response.refusal !== undefined) {
      throw new StructuredOutputError(`The model refused to answer: ${response.refusal}`, {
        rawText: response.refusal,
        issues: [{ path: '(root)', message: 'the model refused' }],
        usage,
        attempts: attempt,
      });
    }
    const outcome = await readStructuredAnswer(response, mode, schema);
    if (outcome.ok) {
      return {
        object: outcome.value as T,
        rawText: outcome.rawText,
        mode,
        attempts: attempt,
        usage,
        response,
      };
    }
    if (attempt > maxRetries) {
      throw new StructuredOutputError(
        `The model gave no valid "${schema.name}" object in ${attempt} attempt(s) (mode ${mode}).`,
        { rawText: outcome.rawText, issues: outcome.issues, usage, attempts: attempt },
      );
    }
    conversation.push(...feedbackMessages(response, mode, schema, outcome.issues));
    hooks.onRetry?.(attempt + 1, outcome.issues);
  }
}
