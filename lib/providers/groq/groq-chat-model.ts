import type { ChatRequest } from '../../core';
import { OpenAICompatibleChatModel } from '../openai-compatible';
import { mapGroqError } from './groq-errors';
import { readGroqMetadata } from './map-groq-metadata';
import type { GroqChatModelSettings } from './groq-settings.types';

/** GroqCloud's OpenAI-compatible endpoint. */
export const GROQ_DEFAULT_BASE_URL = 'https://api.groq.com/openai/v1';

/**
 * A chat model on GroqCloud. Groq speaks the Chat Completions wire with its own differences, all
 * handled here: usage arrives in `x_groq.usage` on older streams, reasoning comes in
 * `message.reasoning` / `delta.reasoning` (mapped to reasoning parts), the reasoning options are
 * `reasoning_format`, `include_reasoning` and `reasoning_effort`, tool calls arrive whole in one
 * chunk, and a rejected tool call (`tool_use_failed`, as an HTTP 400 or an `event: error` in the
 * middle of a stream) fails with a ToolUseFailedError carrying the model's failed generation.
 * `providerMetadata.groq` carries Groq's request id, seed and timings (`x_groq`, see GroqMetadata).
 *
 * @example
 * const model = new GroqChatModel({ model: 'openai/gpt-oss-120b', apiKey: process.env.GROQ_API_KEY });
 */
export class GroqChatModel extends OpenAICompatibleChatModel {
  constructor(settings: GroqChatModelSettings) {
    super({
      ...settings,
      baseUrl: settings.baseUrl ?? GROQ_DEFAULT_BASE_URL,
      providerName: 'groq',
      readMetadata: (payload) => ({ ...readGroqMetadata(payload) }),
    });
  }

  /** Adds the reasoning settings as `providerOptions.groq` defaults. */
  protected override prepareRequest(request: ChatRequest): ChatRequest {
    const { reasoningFormat, includeReasoning, reasoningEffort } = this
      .settings as GroqChatModelSettings;
    return this.withProviderDefaults(super.prepareRequest(request), {
      ...(reasoningFormat !== undefined && { reasoning_format: reasoningFormat }),
      ...(includeReasoning !== undefined && { include_reasoning: includeReasoning }),
      ...(reasoningEffort !== undefined && { reasoning_effort: reasoningEffort }),
    });
  }

  /** `tool_use_failed` becomes a ToolUseFailedError. */
  protected override mapError(error: unknown): unknown {
    return mapGroqError(error);
  }
}
