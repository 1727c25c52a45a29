export { AnthropicChatModel } from './anthropic-chat-model';
export {
  ANTHROPIC_DEFAULT_BASE_URL,
  ANTHROPIC_DEFAULT_VERSION,
  type AnthropicChatModelSettings,
} from './anthropic-settings.types';
export type {
  AnthropicCacheControlOptions,
  AnthropicProviderOptions,
  AnthropicThinkingOptions,
} from './anthropic-options.types';
export { defaultAnthropicMaxTokens } from './default-anthropic-max-tokens';
