import type { ChatRequest, ChatResponse, StreamEvent } from '../../core';
import {
  OpenAICompatibleChatModel,
  type OpenAICompatibleModelSettings,
} from '../openai-compatible';
import { normalizeXaiUsage } from './map-xai-usage';

/**
 * xAI's Chat Completions wire: the OpenAI mapping (which already reads `reasoning_content` and
 * tool calls sent whole in one chunk) plus xAI's usage accounting and `reasoning_effort`. Used by
 * `XaiChatModel` for `api: 'chat'`.
 */
export class XaiCompletionsModel extends OpenAICompatibleChatModel {
  constructor(
    settings: OpenAICompatibleModelSettings,
    private readonly reasoningEffort: string | undefined,
  ) {
    super(settings);
  }

  protected override prepareRequest(request: ChatRequest): ChatRequest {
    const base = super.prepareRequest(request);
    return this.reasoningEffort === undefined
      ? base
      : this.withProviderDefaults(base, { reasoning_effort: this.reasoningEffort });
  }

  protected override mapResponse(response: ChatResponse): ChatResponse {
    return { ...response, usage: normalizeXaiUsage(response.usage) };
  }

  protected override mapEvent(event: StreamEvent): StreamEvent {
    if (event.type === 'usage' || event.type === 'finish') {
      return { ...event, usage: normalizeXaiUsage(event.usage) };
    }
    return event;
  }
}
