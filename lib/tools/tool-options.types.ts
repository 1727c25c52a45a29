import type { Type } from '@nestjs/common';
import type { JsonSchema, ToolCall } from '../core';

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
   * Running it twice has the same effect as once (a read, an upsert by key). A durable run whose
   * process died while this tool ran runs it again on resume; a tool not declared idempotent
   * fails the run with `ToolInterruptedError` instead (see docs/durable-runs.md).
   */
  readonly idempotent?: boolean;
  /**
   * `'sequential'`: never runs at the same time as another call of the same turn, even when the
   * turn runs in parallel (for tools that mutate shared state).
   */
  readonly concurrency?: ToolConcurrency;
  /** Ask the provider to enforce the schema exactly (OpenAI `strict`). */
  readonly strict?: boolean;
}

/**
 * What the model is told when a tool throws (`ConduitModule.forRoot({ tools: { toolErrors } })`).
 * The model provider receives this text, so by default it never carries an error's own message
 * unless the error was written for the model.
 *
 * - `'safe'` (default): the message of a `ToolError`, of a `ConduitValidationError` and of Nest's
 *   `HttpException`s (guard denials, `ValidationPipe` issues, `NotFoundException`...), which are
 *   written for clients; of any other error only its class:
 *   `Tool "getOrder" failed (Error). The error details were withheld.`
 * - `'verbose'`: every error's message, as it was thrown (for development: a database error can
 *   carry a connection string or a customer's data).
 * - a function: the text for an error, or `undefined` to leave that error to `'safe'`.
 *
 * Whatever the choice, the text goes through secret masking (API keys, bearer tokens, URL
 * passwords) and the whole error is logged by the `ToolExecutor` logger.
 *
 * @example
 * ```ts
 * toolErrors: (error) => (error instanceof OrderNotFound ? 'No such order.' : undefined)
 * ```
 */
export type ToolErrorMessages =
  'safe' | 'verbose' | ((error: unknown, toolCall: ToolCall) => string | undefined);

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
  /** What the model is told when a tool throws (`'safe'`): see `ToolErrorMessages`. */
  readonly toolErrors?: ToolErrorMessages;
}

/**
 * The tools part of `ConduitModuleOptions` (its `tools` field): what `CONDUIT_TOOLS_OPTIONS` is read
 * from. Kept in this folder so the tools floor never imports the root options file.
 */
export interface ToolsModuleOptions {
  /**
   * `@Tool()` discovery and execution defaults: `discovery` (`'all'` | `'feature'`), `timeoutMs`,
   * `maxArgumentsBytes`, `concurrency`. See `ConduitToolsOptions`.
   */
  readonly tools?: ConduitToolsOptions;
}
