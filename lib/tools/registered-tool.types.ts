import type { Type } from '@nestjs/common';
import type { JsonSchema, ToolDefinition } from '../core';
import type { ToolContext } from './tool-context.types';
import type { ToolOptions } from './tool-options.types';

/** The function that runs a tool once its arguments are validated. */
export type ToolHandler = (args: unknown, context: ToolContext) => unknown;

/** Where a tool was declared: a class and method, or added at run time. */
export interface ToolSource {
  /** `ClassName.methodName`, or `ToolRegistry.add()` for tools added at run time. */
  readonly label: string;
  readonly classRef?: Type<unknown>;
  readonly methodName?: string;
}

/** A tool the registry knows: its definition for the model, its options and how to run it. */
export interface RegisteredTool {
  readonly name: string;
  readonly description: string;
  /** JSON Schema of the arguments, as sent to the model. */
  readonly schema: JsonSchema;
  /** The definition to put in `ChatRequest.tools`. */
  readonly definition: ToolDefinition;
  readonly options: ToolOptions;
  readonly source: ToolSource;
  readonly handler: ToolHandler;
}

/**
 * A tool added at run time with `ToolRegistry.add()`: `@Tool()` options plus a name and the
 * function to run.
 */
export interface ToolRegistration extends ToolOptions {
  readonly name: string;
  readonly handler: ToolHandler;
  /** Filled by the explorer for discovered tools; omit it for tools added at run time. */
  readonly source?: ToolSource;
}
