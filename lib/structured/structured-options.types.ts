import type { ChatResponse, Usage } from '../core';
import type { StructuredMode } from '../chat/generate-object-options.types';

// The options of `generateObject` are part of `ChatService`'s signature, so they live in lib/chat;
// they are re-exported here, where the structured-output code and users have always found them.
export type {
  GenerateObjectOptions,
  ObjectSchema,
  StructuredMode,
} from '../chat/generate-object-options.types';

/** A mode chosen for a call (`auto` resolved). */
export type ResolvedStructuredMode = Exclude<StructuredMode, 'auto'>;

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
