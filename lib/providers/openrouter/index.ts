export { OpenRouterChatModel } from './openrouter-chat-model';
export { readOpenRouterMetadata, type OpenRouterMetadata } from './read-openrouter-metadata';
export type { OpenRouterChatModelSettings, OpenRouterReasoning } from './openrouter-settings.types';
