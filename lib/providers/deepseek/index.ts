export { DeepSeekChatModel } from './deepseek-chat-model';
export { deepSeekReasoningIndexes } from './deepseek-reasoning-passback';
