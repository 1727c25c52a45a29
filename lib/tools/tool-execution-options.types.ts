import type { ConduitInterceptor, ToolCall, ToolResult } from '../core';
import type { RegisteredTool } from './registered-tool.types';
import type { ToolConcurrency } from './tool-options.types';
import type { ToolSelection } from './tool-selection.types';

/** Options of `ToolExecutor.execute()` and `executeAll()`. */
export interface ToolExecutionOptions {
  /** Which tools the model may call in this turn (default `'all'`); others are "unknown". */
  readonly tools?: ToolSelection;
  /** Aborting it cancels running tools (their `ToolContext.signal` fires) and rejects with `AbortedError`. */
  readonly signal?: AbortSignal;
  /** `executeAll()` policy for this turn (default: the module's, `'parallel'`). */
  readonly concurrency?: ToolConcurrency;
  /** Shared with interceptors and the tool (`ToolContext.metadata`). */
  readonly metadata?: Map<string, unknown>;
  /**
   * Asked before running a tool declared with `requiresApproval`; without it such tools are
   * refused with an error result.
   */
  readonly approve?: (toolCall: ToolCall, tool: RegisteredTool) => boolean | Promise<boolean>;
  /** Interceptors for these calls only, inside the module's global ones. */
  readonly interceptors?: readonly ConduitInterceptor[];
  /** Called when a tool call starts running (after lookup, before argument checks). */
  readonly onStart?: (toolCall: ToolCall) => void;
  /** Called with each result as soon as it is known. */
  readonly onResult?: (result: ToolResult) => void;
}
