import {
  HOSTED_PROVIDER_PRESETS,
  OpenAICompatibleChatModel,
  type HostedChatModelSettings,
} from '../openai-compatible';
import { readPerplexityMetadata } from './read-perplexity-metadata';

/**
 * A chat model on Perplexity's Sonar API (`https://api.perplexity.ai`, `PERPLEXITY_API_KEY`):
 * answers grounded in a web search, whose sources (`citations`, `search_results`, and `images` /
 * `related_questions` when asked for) are kept in `providerMetadata.perplexity`. Search options
 * (`search_domain_filter`, `search_recency_filter`, `web_search_options`...) go through
 * `providerOptions.perplexity`.
 *
 * @example
 * const model = new PerplexityChatModel({ model: 'sonar', apiKey: process.env.PERPLEXITY_API_KEY });
 * const answer = await model.chat({ messages });
 * const sources = answer.providerMetadata.perplexity?.citations;
 */
export class PerplexityChatModel extends OpenAICompatibleChatModel {
  constructor(settings: HostedChatModelSettings) {
    super({
      ...settings,
      baseUrl: settings.baseUrl ?? HOSTED_PROVIDER_PRESETS.perplexity.baseUrl,
      providerName: 'perplexity',
      readMetadata: (payload) => ({ ...readPerplexityMetadata(payload) }),
    });
  }
}
