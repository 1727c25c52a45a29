import type { ChatRequest, Message } from '../../core';
import {
  HOSTED_PROVIDER_PRESETS,
  OpenAICompatibleChatModel,
  type HostedChatModelSettings,
} from '../openai-compatible';
import { mistralToolCallId } from './map-mistral-tool-call-id';

function withMistralIds(message: Message): Message {
  if (message.role === 'tool') {
    return { ...message, toolCallId: mistralToolCallId(message.toolCallId) };
  }
  if (message.role === 'assistant' && message.toolCalls !== undefined) {
    return {
      ...message,
      toolCalls: message.toolCalls.map((call) => ({ ...call, id: mistralToolCallId(call.id) })),
    };
  }
  return message;
}

/**
 * A chat model on Mistral's La Plateforme (`https://api.mistral.ai/v1`, `MISTRAL_API_KEY`). Its
 * differences from the OpenAI wire are handled here: tool call ids from other providers become
 * the nine-character ids Mistral insists on (consistently on both sides of a call), `toolChoice:
 * 'required'` goes out as Mistral's `any`, `seed` as `random_seed`, and `stream_options` is not
 * sent (Mistral refuses unknown fields and reports usage at the end of every stream anyway).
 *
 * @example
 * const model = new MistralChatModel({ model: 'mistral-small-latest', apiKey: process.env.MISTRAL_API_KEY });
 */
export class MistralChatModel extends OpenAICompatibleChatModel {
  constructor(settings: HostedChatModelSettings) {
    super({
      streamUsage: false,
      ...settings,
      baseUrl: settings.baseUrl ?? HOSTED_PROVIDER_PRESETS.mistral.baseUrl,
      providerName: 'mistral',
    });
  }

  /** Mistral ids, `any` and `random_seed`, as `providerOptions.mistral` defaults. */
  protected override prepareRequest(request: ChatRequest): ChatRequest {
    const prepared = super.prepareRequest({
      ...request,
      messages: request.messages.map(withMistralIds),
    });
    const hasTools = request.tools !== undefined && request.tools.length > 0;
    return this.withProviderDefaults(prepared, {
      ...(hasTools && request.toolChoice === 'required' && { tool_choice: 'any' }),
      ...(request.seed !== undefined && { seed: undefined, random_seed: request.seed }),
    });
  }
}
