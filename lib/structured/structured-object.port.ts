import { Injectable, type ClassProvider } from '@nestjs/common';
import type { ChatService } from '../chat/chat.service';
import { ChatObjectPort } from '../chat/chat-object.port';
import type { GenerateObjectOptions } from '../chat/generate-object-options.types';
import type { Message } from '../core/message.types';
import { ModelRegistry } from '../models/model-registry';
import { generateObjectWith } from './generate-object';
import { chatServicePort } from './structured-chat-port.factory';

/**
 * `ChatService.generateObject` done by structured output: the same attempt loop as
 * `StructuredOutputService.generateObject`, its model calls made through the calling `ChatService`.
 */
@Injectable()
export class StructuredObjectPort extends ChatObjectPort {
  constructor(private readonly models: ModelRegistry) {
    super();
  }

  async generateObject(
    chat: ChatService,
    messages: string | readonly Message[],
    options: GenerateObjectOptions,
  ): Promise<unknown> {
    return (await generateObjectWith(chatServicePort(chat, this.models), messages, options)).object;
  }
}

/** Registers structured output into `ChatService.generateObject` (`ConduitModule` lists it). */
export const structuredObjectPortProvider: ClassProvider<ChatObjectPort> = {
  provide: ChatObjectPort,
  useClass: StructuredObjectPort,
};
