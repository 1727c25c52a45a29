export { GroqChatModel, GROQ_DEFAULT_BASE_URL } from './groq-chat-model';
export { mapGroqError } from './groq-errors';
export { readGroqMetadata, type GroqMetadata, type GroqTimings } from './map-groq-metadata';
export type { GroqChatModelSettings } from './groq-settings.types';
