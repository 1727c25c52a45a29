import type { ChatService } from '../chat/chat.service';
import type { ModelRegistry } from '../models/model-registry';
import type { StructuredChatPort } from './structured-chat.port';

/** The port over `ChatService` calls and the registry's model capabilities. */
export function chatServicePort(chat: ChatService, models: ModelRegistry): StructuredChatPort {
  return {
    chat: (messages, options) => chat.chat(messages, options),
    stream: (messages, options) => chat.stream(messages, options),
    capabilities: (alias) => models.getChatModel(alias).info().capabilities,
  };
}
