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

/**
 * The options minus the call controls (`model`, `signal`, `timeoutMs`, `interceptors`,
 * `metadata`, `retry`, `fallbacks`, `fallbackOn`, `conversationId`): the settings and headers the
 * model request carries. A rest pattern rather than
 * `delete`, which would turn the object into a slow dictionary on every call.
 */
function withoutCallControls(options: ChatOptions): Omit<ChatOptions, CallControl> {
  // `messages` too: from a JavaScript caller it would replace the validated messages. The
  // resilience settings (`retry`, `fallbacks`, `fallbackOn`) steer the call, not the model: left
  // in, they would reach the provider's request and the response cache's key.
  const {
    model,
    signal,
    timeoutMs,
    interceptors,
    metadata,
    messages,
    retry,
    fallbacks,
    fallbackOn,
    conversationId,
    ...settings
  } = options as ChatOptions & { readonly messages?: unknown };
  return settings;
}

/** The options that steer a call rather than describe the request. */
type CallControl =
  | 'model'
  | 'signal'
  | 'timeoutMs'
  | 'interceptors'
  | 'metadata'
  | 'retry'
  | 'fallbacks'
  | 'fallbackOn'
  | 'conversationId';

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
  const optionIssues = validateChatOptions(options);
  if (checked.issues.length > 0 || optionIssues.length > 0) {
    throwIfAny([...checked.issues, ...optionIssues], 'Invalid chat request');
  }
  // `messages` first: a property added after a spread makes V8 copy the object the slow way.
  return { messages: checked.messages, ...withoutCallControls(options) };
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
