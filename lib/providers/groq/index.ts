export { GroqChatModel, GROQ_DEFAULT_BASE_URL } from './groq-chat-model';
export { mapGroqError } from './groq-errors';
export type { GroqChatModelSettings } from './groq-settings.types';
