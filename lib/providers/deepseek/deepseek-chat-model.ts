import {
  HOSTED_PROVIDER_PRESETS,
  OpenAICompatibleChatModel,
  type HostedChatModelSettings,
} from '../openai-compatible';
import { addDeepSeekReasoning } from './deepseek-reasoning-passback';

/**
 * A chat model on the DeepSeek API (`https://api.deepseek.com`, `DEEPSEEK_API_KEY`). Thinking
 * arrives in `reasoning_content` (message and stream deltas), mapped to reasoning parts and
 * `reasoning-delta` events; it goes back only where DeepSeek's thinking mode requires it (the
 * assistant messages of a turn that called tools, see `deepSeekReasoningIndexes`) and is left
 * out everywhere else. Cache hits (`prompt_cache_hit_tokens`) count as `cacheReadTokens`.
 * Thinking is switched with `providerOptions.deepseek.thinking` (`{ type: 'disabled' }`) and
 * tuned with `reasoning_effort`.
 *
 * @example
 * const model = new DeepSeekChatModel({ model: 'deepseek-chat', apiKey: process.env.DEEPSEEK_API_KEY });
 */
export class DeepSeekChatModel extends OpenAICompatibleChatModel {
  constructor(settings: HostedChatModelSettings) {
    super({
      ...settings,
      baseUrl: settings.baseUrl ?? HOSTED_PROVIDER_PRESETS.deepseek.baseUrl,
      providerName: 'deepseek',
      finishBody: addDeepSeekReasoning,
    });
  }
}
