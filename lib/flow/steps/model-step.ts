import type { ChatResponse } from '../../core/chat-response.types';
import type { Message } from '../../core/message.types';
import type { ChatOptions } from '../../chat/chat-options.types';
import type { AsyncStep } from '../step.types';
import { renderTemplate } from './prompt-template';

/** Anything that answers chats like `ChatService` (the model step needs only this). */
export interface ChatCaller {
  /** One chat call (ChatService.chat has this shape). */
  chat(messages: string | readonly Message[], options?: ChatOptions): Promise<ChatResponse>;
}

/** Options of `modelStep`. */
export interface ModelStepOptions<S, K extends keyof S> {
  /** A template with `{{key}}` placeholders filled from the state, or a function of the state. */
  readonly prompt: string | ((state: S) => string | readonly Message[]);
  /** The state key the result is written to. */
  readonly output: K;
  /** A system message put first. */
  readonly system?: string;
  /** Chat options of the call (`model` alias, `temperature`...); the run's signal is added. */
  readonly options?: ChatOptions;
  /** Turns the answer into the value stored (default: its text). */
  readonly parse?: (response: ChatResponse) => S[K];
}

/**
 * A step that renders a prompt from the state, asks the model (through `ChatService`, so through
 * the interceptors) and writes the answer under `output`.
 *
 * @example
 * modelStep(chatService, { prompt: 'Translate to French: {{text}}', output: 'french' })
 */
export function modelStep<S extends object, K extends keyof S>(
  chat: ChatCaller,
  options: ModelStepOptions<S, K>,
): AsyncStep<S, S> {
  return async (state, context) => {
    const prompt =
      typeof options.prompt === 'string'
        ? renderTemplate(options.prompt, state)
        : options.prompt(state);
    const input: readonly Message[] =
      typeof prompt === 'string' ? [{ role: 'user', content: prompt }] : prompt;
    const messages: readonly Message[] =
      options.system === undefined
        ? input
        : [{ role: 'system', content: options.system }, ...input];
    const response = await chat.chat(messages, { ...options.options, signal: context.signal });
    const value = options.parse === undefined ? (response.text as S[K]) : options.parse(response);
    return { ...state, [options.output]: value };
  };
}
