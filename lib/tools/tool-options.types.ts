import type { Type } from '@nestjs/common';
import type { JsonSchema } from '../core';

/**
 * How several tool calls the model asks for in one turn run: all at once, or one after another
 * in the order the model gave them.
 */
export type ToolConcurrency = 'parallel' | 'sequential';

/** The arguments of a tool: a class-validator DTO class, or a raw JSON Schema object. */
export type ToolParameters = Type<object> | JsonSchema;

/** Options of `@Tool()`. Only `description` is required. */
export interface ToolOptions {
  /** Name the model calls the tool by (`^[a-zA-Z0-9_-]{1,64}$`). Defaults to the method name. */
  readonly name?: string;
  /** What the tool does and when to use it; the model reads this to decide. */
  readonly description: string;
  /**
   * The arguments: a class-validator DTO class, or a raw JSON Schema. Defaults to the type of the
   * method's first parameter when it is a class.
   */
  readonly parameters?: ToolParameters;
  /** Cancel the call after this many milliseconds (default: the module's, 60 000; `0`: never). */
  readonly timeoutMs?: number;
  /** Largest argument JSON accepted, in UTF-8 bytes (default: the module's, 100 000). */
  readonly maxArgumentsBytes?: number;
  /**
   * The loop must ask the caller before running it (the executor refuses it unless an
   * `approve` callback says yes).
   */
  readonly requiresApproval?: boolean;
  /**
   * `'sequential'`: never runs at the same time as another call of the same turn, even when the
   * turn runs in parallel (for tools that mutate shared state).
   */
  readonly concurrency?: ToolConcurrency;
  /** Ask the provider to enforce the schema exactly (OpenAI `strict`). */
  readonly strict?: boolean;
}

/**
 * Module-wide tool options, given as `ConduitModule.forRoot({ tools: { ... } })`.
 *
 * - `discovery: 'all'` (default) registers the `@Tool()` methods of every provider and controller;
 *   `'feature'` registers only those of classes listed in some `ConduitModule.forFeature({ tools })`,
 *   so that a library's tools are never exposed by accident.
 */
export interface ConduitToolsOptions {
  readonly discovery?: 'all' | 'feature';
  /** Default per-tool timeout in milliseconds (60 000; `0`: no timeout). */
  readonly timeoutMs?: number;
  /** Default largest argument JSON in UTF-8 bytes (100 000). */
  readonly maxArgumentsBytes?: number;
  /** Default policy for several calls in one turn (`'parallel'`). */
  readonly concurrency?: ToolConcurrency;
}
