import { Injectable, type Type } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { ChatService } from '../chat/chat.service';
import type { JsonSchema, Message } from '../core';
import { ModelRegistry } from '../models/model-registry';
import {
  checkLabels,
  classificationMessages,
  classificationSchema,
  type ClassificationLabel,
  type ClassificationResult,
  type ClassifyOptions,
} from './classify';
import { extractionMessages } from './extraction-messages';
import { generateObjectWith } from './generate-object';
import { streamObjectWith, type ObjectStreamEvent } from './stream-object';
import type { StructuredChatPort } from './structured-chat.port';
import { chatServicePort } from './structured-chat-port.factory';
import type { GenerateObjectOptions, GenerateResult } from './structured-options.types';

/** Options of `extract()`: those of `generateObject` without the schema, plus the instruction. */
export interface ExtractOptions extends Omit<GenerateObjectOptions, 'schema'> {
  /** Replaces the default extraction instruction. */
  readonly instructions?: string;
}

/** Options of `classify()`: the classification's own and the chat options. */
export type ClassifyCallOptions = ClassifyOptions &
  Omit<GenerateObjectOptions, 'schema' | 'system' | 'name'>;

/**
 * Structured answers: objects validated against a class-validator DTO (or a JSON Schema), data
 * extraction from text, classification into fixed labels, and objects streamed as they are
 * written. Every call goes through `ChatService`, so interceptors, timeouts and aborts apply.
 * `ChatService.generateObject()` is the same as `generateObject()` here.
 *
 * @example
 * const person = await structured.extract('Ada Lovelace, born 1815 in London', PersonDto);
 * const { label } = await structured.classify(ticket, ['bug', 'feature', 'question']);
 */
@Injectable()
export class StructuredOutputService {
  protected readonly port: StructuredChatPort;

  constructor(chat: ChatService, models: ModelRegistry) {
    this.port = chatServicePort(chat, models);
  }

  /** The validated object (a DTO instance for a class schema). See `generate()` for details. */
  async generateObject<T extends object>(
    messages: string | readonly Message[],
    options: GenerateObjectOptions<Type<T>>,
  ): Promise<T>;
  async generateObject<T = Record<string, unknown>>(
    messages: string | readonly Message[],
    options: GenerateObjectOptions<JsonSchema>,
  ): Promise<T>;
  async generateObject(
    messages: string | readonly Message[],
    options: GenerateObjectOptions,
  ): Promise<unknown> {
    return (await generateObjectWith(this.port, messages, options)).object;
  }

  /**
   * The validated object with the raw answer, the mode used, the number of attempts and the summed
   * usage. Invalid answers are sent back for correction up to `maxRetries` times (default 2);
   * then `StructuredOutputError`.
   */
  async generate<T extends object>(
    messages: string | readonly Message[],
    options: GenerateObjectOptions<Type<T>>,
  ): Promise<GenerateResult<T>>;
  async generate<T = Record<string, unknown>>(
    messages: string | readonly Message[],
    options: GenerateObjectOptions<JsonSchema>,
  ): Promise<GenerateResult<T>>;
  async generate(
    messages: string | readonly Message[],
    options: GenerateObjectOptions,
  ): Promise<GenerateResult<unknown>> {
    return generateObjectWith(this.port, messages, options);
  }

  /** `generateObject` streamed: `partial` events as the JSON grows, then one `object` event. */
  streamObject<T extends object>(
    messages: string | readonly Message[],
    options: GenerateObjectOptions<Type<T>>,
  ): Observable<ObjectStreamEvent<T>>;
  streamObject<T = Record<string, unknown>>(
    messages: string | readonly Message[],
    options: GenerateObjectOptions<JsonSchema>,
  ): Observable<ObjectStreamEvent<T>>;
  streamObject(
    messages: string | readonly Message[],
    options: GenerateObjectOptions,
  ): Observable<ObjectStreamEvent<unknown>> {
    return streamObjectWith(this.port, messages, options);
  }

  /** The data of `schema` found in `text`, validated (fields the text lacks stay out). */
  async extract<T extends object>(
    text: string,
    schema: Type<T>,
    options?: ExtractOptions,
  ): Promise<T>;
  async extract<T = Record<string, unknown>>(
    text: string,
    schema: JsonSchema,
    options?: ExtractOptions,
  ): Promise<T>;
  async extract(
    text: string,
    schema: Type<object> | JsonSchema,
    options: ExtractOptions = {},
  ): Promise<unknown> {
    const { instructions, ...rest } = options;
    const result = await generateObjectWith(this.port, extractionMessages(text, instructions), {
      ...rest,
      schema,
    });
    return result.object;
  }

  /** `extract` streamed: partial objects as the model writes them, then the validated one. */
  extractStream<T extends object>(
    text: string,
    schema: Type<T>,
    options?: ExtractOptions,
  ): Observable<ObjectStreamEvent<T>>;
  extractStream<T = Record<string, unknown>>(
    text: string,
    schema: JsonSchema,
    options?: ExtractOptions,
  ): Observable<ObjectStreamEvent<T>>;
  extractStream(
    text: string,
    schema: Type<object> | JsonSchema,
    options: ExtractOptions = {},
  ): Observable<ObjectStreamEvent<unknown>> {
    const { instructions, ...rest } = options;
    return streamObjectWith(this.port, extractionMessages(text, instructions), {
      ...rest,
      schema,
    });
  }

  /**
   * One of `labels` for `text`, enforced by the schema (an `enum`): an answer outside the list is
   * sent back for correction like any invalid object.
   *
   * @example
   * const { label } = await structured.classify(review, ['positive', 'negative', 'neutral'] as const);
   */
  async classify<L extends string>(
    text: string,
    labels: readonly ClassificationLabel<L>[],
    options: ClassifyCallOptions = {},
  ): Promise<ClassificationResult<L>> {
    checkLabels(labels);
    const { reasoning, instructions, ...rest } = options;
    const own: ClassifyOptions = {
      ...(reasoning === undefined ? {} : { reasoning }),
      ...(instructions === undefined ? {} : { instructions }),
    };
    const result = await generateObjectWith<ClassificationResult<L>>(
      this.port,
      classificationMessages(text, labels, own),
      { ...rest, schema: classificationSchema(labels, own), name: 'classification' },
    );
    return result.object;
  }
}
