import type { Type } from '@nestjs/common';
import type { JsonSchema } from '../core';
import type { ChatOptions } from './chat-options.types';

// These types are the signature of `ChatService.generateObject`, so they live on the chat floor;
// lib/structured (which implements it) re-exports them from its own options file.

/** The shape asked for: a class-validator DTO class, or a raw JSON Schema of an object. */
export type ObjectSchema<T extends object = object> = Type<T> | JsonSchema;

/**
 * How the model is made to answer in the schema:
 * - `json_schema`: the provider's native schema-constrained output (`responseFormat: json_schema`);
 * - `tool`: a single tool whose arguments are the object, forced with `toolChoice`;
 * - `json`: the provider's JSON mode plus the schema in the instructions;
 * - `prompt`: the schema in the instructions only, the JSON found in the text;
 * - `auto` (default): the first the model's capabilities allow, in that order.
 */
export type StructuredMode = 'auto' | 'json_schema' | 'tool' | 'json' | 'prompt';

/** Options of `generateObject` and its siblings: the schema, the retry budget and chat options. */
export interface GenerateObjectOptions<S extends ObjectSchema = ObjectSchema> extends Omit<
  ChatOptions,
  'tools' | 'toolChoice' | 'responseFormat'
> {
  readonly schema: S;
  /** Corrections asked of the model after an invalid answer (default 2: at most 3 answers). */
  readonly maxRetries?: number;
  readonly mode?: StructuredMode;
  /**
   * Name of the output (the `json_schema` name or the tool name): `^[a-zA-Z0-9_-]{1,64}$`.
   * Defaults to the DTO class name, or `output`.
   */
  readonly name?: string;
  /** What the object is; sent as the schema's or tool's description. */
  readonly description?: string;
  /** Ask the provider to enforce the schema exactly (OpenAI `strict`; the schema must allow it). */
  readonly strict?: boolean;
  /** Extra system instructions, put first. */
  readonly system?: string;
}
