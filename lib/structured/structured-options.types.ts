import type { Type } from '@nestjs/common';
import type { ChatResponse, JsonSchema, Usage } from '../core';
import type { ChatOptions } from '../chat/chat-options.types';

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

/** A mode chosen for a call (`auto` resolved). */
export type ResolvedStructuredMode = Exclude<StructuredMode, 'auto'>;

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

/**
 * What `StructuredOutputService.generate()` resolves with: the validated object and how it was
 * obtained. (`generateObject()`, on `ChatService` and `StructuredOutputService`, resolves with the
 * object alone.)
 */
export interface GenerateResult<T> {
  /** The DTO instance (class schema) or the checked plain object (JSON Schema). */
  readonly object: T;
  /** The answer the object was read from: the text, or the tool arguments in tool mode. */
  readonly rawText: string;
  readonly mode: ResolvedStructuredMode;
  /** How many answers the model gave (1 + retries). */
  readonly attempts: number;
  /** Tokens of every attempt, summed. */
  readonly usage: Usage;
  /** The last model answer. */
  readonly response: ChatResponse;
}

/**
 * @deprecated Renamed `GenerateResult`: it is what `generate()` returns, while `generateObject()`
 * returns the object alone. This alias stays for code written against 0.1.
 */
export type GenerateObjectResult<T> = GenerateResult<T>;

/**
 * A value the model is still writing: every property optional, nested ones too. What the partial
 * events of a streamed object carry.
 */
export type DeepPartial<T> = T extends readonly (infer U)[]
  ? DeepPartial<U>[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;
