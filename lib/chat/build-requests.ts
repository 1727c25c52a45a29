import type { ChatRequest, EmbedRequest } from '../core/chat-options.types';
import {
  ConduitValidationError,
  type ValidationIssue,
} from '../core/errors/conduit-validation.error';
import type { Message } from '../core/message.types';
import type { ChatOptions, EmbedOptions } from './chat-options.types';
import { validateChatOptions, validateEmbedOptions } from './validate-chat-options';
import { validateMessages } from './validate-messages';
import { validateTexts } from './validate-texts';

function throwIfAny(issues: readonly ValidationIssue[], title: string): void {
  if (issues.length > 0) throw new ConduitValidationError(issues, title);
}

/** Options that steer the call itself and are not sent to the model. */
const CALL_CONTROLS: readonly string[] = [
  'model',
  'signal',
  'timeoutMs',
  'interceptors',
  'metadata',
];

/** The options minus the call controls: the settings and headers the model request carries. */
function withoutCallControls(
  options: ChatOptions,
): Omit<ChatOptions, 'model' | 'signal' | 'timeoutMs' | 'interceptors' | 'metadata'> {
  const settings: Record<string, unknown> = { ...options };
  for (const key of CALL_CONTROLS) delete settings[key];
  return settings;
}

/**
 * Validates the arguments of `chat` / `stream` and builds the model request (the call controls
 * `model`, `signal`, `timeoutMs`, `interceptors` and `metadata` stay out of it). Throws one
 * `ConduitValidationError` listing every problem, before anything is sent.
 */
export function buildChatRequest(
  messages: string | readonly Message[],
  options: ChatOptions = {},
): ChatRequest {
  const checked = validateMessages(messages);
  throwIfAny([...checked.issues, ...validateChatOptions(options)], 'Invalid chat request');
  return { ...withoutCallControls(options), messages: checked.messages };
}

/** Validates the arguments of `embed` and builds the model request. */
export function buildEmbedRequest(
  texts: string | readonly string[],
  options: EmbedOptions = {},
): EmbedRequest {
  const checked = validateTexts(texts);
  throwIfAny([...checked.issues, ...validateEmbedOptions(options)], 'Invalid embedding request');
  const { dimensions, headers, providerOptions } = options;
  return {
    texts: checked.texts,
    ...(dimensions === undefined ? {} : { dimensions }),
    ...(headers === undefined ? {} : { headers }),
    ...(providerOptions === undefined ? {} : { providerOptions }),
  };
}
