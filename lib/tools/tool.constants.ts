import type { ConduitInterceptor } from '../core';

/** Metadata key under which `@Tool()` stores its options on a method. */
export const TOOL_METADATA = 'conduit:tool';

/** Metadata key under which `@ToolParam()` stores a property's description and schema overrides. */
export const TOOL_PARAM_METADATA = 'conduit:tool-param';

/**
 * Metadata key describing a tool method's two parameters (arguments, context) to Nest's
 * `ExternalContextCreator`, so that pipes run on the arguments like they do on a route's body.
 */
export const TOOL_ARGS_METADATA = 'conduit:tool-args';

/**
 * The execution context type guards, interceptors and filters see for a tool call
 * (`context.getType() === 'conduit-tool'`), so they can tell a tool call from an HTTP request.
 */
export const TOOL_CONTEXT_TYPE = 'conduit-tool';

/** The context type guards see for a tool call. */
export type ToolContextType = typeof TOOL_CONTEXT_TYPE;

/** Injection token of the tools' module-wide options (`ConduitToolsOptions`). */
export const CONDUIT_TOOLS_OPTIONS = Symbol('CONDUIT_TOOLS_OPTIONS');

/**
 * Injection token of a function returning the interceptors every tool call runs through
 * (`ConduitModule`'s global interceptors), outermost first.
 */
export const CONDUIT_TOOL_INTERCEPTORS = Symbol('CONDUIT_TOOL_INTERCEPTORS');

/** What `CONDUIT_TOOL_INTERCEPTORS` provides. */
export type ToolInterceptorsSource = () =>
  readonly ConduitInterceptor[] | Promise<readonly ConduitInterceptor[]>;

/** The name rule every provider accepts (OpenAI, Anthropic, Groq, xAI). */
export const TOOL_NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;

/** Default largest argument payload accepted, in UTF-8 bytes of the JSON text. */
export const DEFAULT_MAX_ARGUMENTS_BYTES = 100_000;

/** Default time a tool may run before it is cancelled and an error result is returned. */
export const DEFAULT_TOOL_TIMEOUT_MS = 60_000;

/** Deepest nesting of argument objects and arrays accepted (guards the recursive checks). */
export const MAX_ARGUMENTS_DEPTH = 64;
