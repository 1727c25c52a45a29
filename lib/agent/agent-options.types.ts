import type { CallSettings, ConduitInterceptor, Message, ToolCall, ToolChoice } from '../core';
import type { RegisteredTool } from '../tools/registered-tool.types';
import type { ToolConcurrency } from '../tools/tool-options.types';
import type { ToolSelection } from '../tools/tool-selection.types';
import type { AgentEvent } from './agent-event.types';

/** Default most model calls of one run. */
export const DEFAULT_MAX_ITERATIONS = 10;

/**
 * Asked before a tool declared `requiresApproval` runs; `false` sends the model a "not approved"
 * error result instead.
 */
export type ToolApprover = (toolCall: ToolCall, tool: RegisteredTool) => boolean | Promise<boolean>;

/**
 * What an agent is: instructions, model, tools and limits, plus generation settings. A declared
 * agent (`@Agent()`, `AgentService.define()`) stores one; every run may override any field.
 */
export interface AgentOptions extends Omit<CallSettings, 'tools' | 'toolChoice'> {
  /** System prompt, put before the conversation. */
  readonly system?: string;
  /** Alias of the chat model (default `default`). */
  readonly model?: string;
  /** The tools the model may call: `'all'` (default), names, or `{ classes: [...] }`. `[]`: none. */
  readonly tools?: ToolSelection;
  /** Most model calls of one run (default 10). A run that needs more fails with `MaxIterationsExceededError`. */
  readonly maxIterations?: number;
  /**
   * How the FIRST model call may use the tools (`'required'`, `{ type: 'tool', name }`...). Later
   * calls use `'auto'`: a forced choice on every call would never let the model answer.
   */
  readonly toolChoice?: ToolChoice;
  /** Several tool calls of one turn: `'parallel'` or `'sequential'` (default: the module's). */
  readonly concurrency?: ToolConcurrency;
  /** Timeout of each model call in milliseconds (default: the module's). */
  readonly timeoutMs?: number;
  /** Interceptors for the model calls of the run (inside the module's). */
  readonly interceptors?: readonly ConduitInterceptor[];
  /** Interceptors for the tool calls of the run (inside the module's). */
  readonly toolInterceptors?: readonly ConduitInterceptor[];
  /** Extra HTTP headers of every model call. */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * `run()` saves the run in the module's `AgentRunStore` after every model call and tool result
   * (see `AgentService.start`); a tool that needs approval without an `approve` callback then
   * suspends the run and `run()` rejects with `RunAwaitingApprovalError`. Default false.
   */
  readonly durable?: boolean;
}

/** One run: the conversation (or a prompt), the agent's options, and the run's controls. */
export interface AgentRunOptions extends AgentOptions {
  /** The conversation so far. Give this or `prompt` (or both: the prompt is appended). */
  readonly messages?: readonly Message[];
  /** A user message to send (appended after `messages`). */
  readonly prompt?: string;
  /** Aborts the run: the model call is cancelled and running tools see their signal fire. */
  readonly signal?: AbortSignal;
  /**
   * Decides on tools declared `requiresApproval`. Without it, `run()` refuses them and `stream()`
   * emits a `tool-approval` event and waits for its answer.
   */
  readonly approve?: ToolApprover;
  /** Observability: every event of the run (the same ones `stream()` emits), as it happens. */
  readonly onEvent?: (event: AgentEvent) => void;
}
