import type { ChatResponse, Message, ToolCall, ToolResult, Usage } from '../core';

/** One tool call the model made during a run, with its result and how long it took. */
export interface AgentToolCallRecord {
  /** The model call (1-based) that asked for it. */
  readonly iteration: number;
  readonly toolCall: ToolCall;
  /** What the model received; `isError` for unknown tools, invalid arguments, failures... */
  readonly result: ToolResult;
  /** Wall time from start to result, in milliseconds. */
  readonly durationMs: number;
}

/** The outcome of an agent run. */
export interface AgentResult {
  /** The final answer's text. */
  readonly text: string;
  /** The final model answer (the one without tool calls). */
  readonly response: ChatResponse;
  /** The whole conversation: input, every assistant turn and tool result, the final answer. */
  readonly messages: readonly Message[];
  /** How many model calls were made. */
  readonly iterations: number;
  /** Every tool call, in the order they were asked for. */
  readonly toolCalls: readonly AgentToolCallRecord[];
  /** Every model answer, in order. */
  readonly responses: readonly ChatResponse[];
  /** Tokens of every model call, summed. */
  readonly usage: Usage;
}
