import type { ChatModel } from '../../core';
import { OpenAIChatModel } from '../openai';
import { OpenAIResponsesChatModel } from './openai-responses-chat-model';
import type { OpenAIResponsesModelSettings } from './openai-responses-settings.types';

/** Settings of an OpenAI chat model on either wire, chosen per model with `api`. */
export interface OpenAIModelSettings extends OpenAIResponsesModelSettings {
  /**
   * `chat` (Chat Completions, the default) or `responses` (the Responses API: reasoning summaries,
   * reasoning items passed back between turns). The reasoning settings apply to `responses`; on
   * `chat`, send `providerOptions.openai.reasoning_effort` instead.
   */
  readonly api?: 'chat' | 'responses';
}

/**
 * An OpenAI chat model on the wire its settings ask for.
 *
 * @example
 * const reasoner = createOpenAIChatModel({ model: 'gpt-5.4', api: 'responses', reasoningSummary: 'auto', apiKey });
 * const fast = createOpenAIChatModel({ model: 'gpt-4o-mini', apiKey });
 */
export function createOpenAIChatModel(settings: OpenAIModelSettings): ChatModel {
  const { api, ...rest } = settings;
  return api === 'responses' ? new OpenAIResponsesChatModel(rest) : new OpenAIChatModel(rest);
}
