import type { ChatRequest } from '../../core';
import { HOSTED_PROVIDER_PRESETS, OpenAICompatibleChatModel } from '../openai-compatible';
import type { OpenRouterChatModelSettings } from './openrouter-settings.types';
import { readOpenRouterMetadata } from './read-openrouter-metadata';

/**
 * A chat model through OpenRouter (`https://openrouter.ai/api/v1`, `OPENROUTER_API_KEY`), model
 * ids as `publisher/model` (`anthropic/claude-sonnet-4.5`). `appUrl` and `appName` become the
 * `HTTP-Referer` and `X-Title` headers; routing goes through `providerOptions.openrouter`
 * (`provider: { order, allow_fallbacks, sort, only, ignore, data_collection }`, `models: [...]`
 * fallbacks), sent as is; `reasoning` sets OpenRouter's unified reasoning options, and the
 * answer's `reasoning` field becomes reasoning parts. The upstream provider and the cost land in
 * `providerMetadata.openrouter`. The keep-alive comments OpenRouter streams
 * (`: OPENROUTER PROCESSING`) are skipped.
 *
 * @example
 * const model = new OpenRouterChatModel({
 *   model: 'meta-llama/llama-3.3-70b-instruct',
 *   apiKey: process.env.OPENROUTER_API_KEY,
 *   appName: 'My Nest app',
 * });
 * await model.chat({ messages, providerOptions: { openrouter: { provider: { sort: 'price' } } } });
 */
export class OpenRouterChatModel extends OpenAICompatibleChatModel {
  constructor(settings: OpenRouterChatModelSettings) {
    // `reasoning` stays in the settings: prepareRequest reads it.
    const { appUrl, appName, ...rest } = settings;
    super({
      ...rest,
      baseUrl: settings.baseUrl ?? HOSTED_PROVIDER_PRESETS.openrouter.baseUrl,
      providerName: 'openrouter',
      headers: {
        ...(appUrl !== undefined && { 'HTTP-Referer': appUrl }),
        ...(appName !== undefined && { 'X-Title': appName }),
        ...settings.headers,
      },
      readMetadata: (payload) => ({ ...readOpenRouterMetadata(payload) }),
    });
  }

  /** The `reasoning` setting as a `providerOptions.openrouter` default. */
  protected override prepareRequest(request: ChatRequest): ChatRequest {
    const reasoning = (this.settings as OpenRouterChatModelSettings).reasoning;
    const prepared = super.prepareRequest(request);
    if (reasoning === undefined) return prepared;
    return this.withProviderDefaults(prepared, {
      reasoning: {
        ...(reasoning.effort !== undefined && { effort: reasoning.effort }),
        ...(reasoning.maxTokens !== undefined && { max_tokens: reasoning.maxTokens }),
        ...(reasoning.exclude !== undefined && { exclude: reasoning.exclude }),
      },
    });
  }
}
