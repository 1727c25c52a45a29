import type { Message } from '../core/message.types';
import type { ChatService } from './chat.service';
import type { GenerateObjectOptions } from './generate-object-options.types';

/**
 * How `ChatService.generateObject` gets its object: the extension point structured output
 * (lib/structured) plugs into, so the chat floor never imports the structured floor above it. An
 * abstract class, used as the injection token; `ConduitModule` provides lib/structured's
 * implementation.
 *
 * The calling `ChatService` is an argument, not a dependency of the implementation, so the
 * implementation can make its model calls through it (interceptors, timeouts and aborts apply)
 * without a provider cycle.
 */
export abstract class ChatObjectPort {
  /**
   * The object of `options.schema`, validated (a DTO instance for a class schema). Rejects with
   * `StructuredOutputError` when the answers stay invalid, or with the model's error.
   */
  abstract generateObject(
    chat: ChatService,
    messages: string | readonly Message[],
    options: GenerateObjectOptions,
  ): Promise<unknown>;
}
