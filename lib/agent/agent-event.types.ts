import type { ChatResponse, ToolCall, ToolResult } from '../core';
import type { AgentResult, AgentToolCallRecord } from './agent-result.types';

/** A model call is about to be made. */
export interface AgentIterationStartEvent {
  readonly type: 'iteration-start';
  /** 1-based number of the model call. */
  readonly iteration: number;
}

/** A piece of answer text (streamed runs only). */
export interface AgentTextDeltaEvent {
  readonly type: 'text-delta';
  readonly iteration: number;
  readonly delta: string;
}

/** A piece of model reasoning (streamed runs only). */
export interface AgentReasoningDeltaEvent {
  readonly type: 'reasoning-delta';
  readonly iteration: number;
  readonly delta: string;
}

/** A model answer arrived (with or without tool calls). */
export interface AgentResponseEvent {
  readonly type: 'response';
  readonly iteration: number;
  readonly response: ChatResponse;
}

/** A tool call starts running. */
export interface AgentToolCallStartEvent {
  readonly type: 'tool-call-start';
  readonly iteration: number;
  readonly toolCall: ToolCall;
}

/**
 * A tool declared `requiresApproval` waits for a decision (streamed runs without an `approve`
 * option). Call `respond(true)` to run it, `respond(false)` to refuse it; the run pauses until then.
 * Only the first answer counts.
 */
export interface AgentToolApprovalEvent {
  readonly type: 'tool-approval';
  readonly iteration: number;
  readonly toolCall: ToolCall;
  /** Answers the request: `true` runs the tool, `false` refuses it. */
  readonly respond: (approved: boolean) => void;
}

/** A tool call has its result (errors included). */
export interface AgentToolCallFinishEvent extends AgentToolCallRecord {
  readonly type: 'tool-call-finish';
}

/** A model call and the tool calls it asked for are done. */
export interface AgentIterationFinishEvent {
  readonly type: 'iteration-finish';
  readonly iteration: number;
  readonly response: ChatResponse;
  readonly toolResults: readonly ToolResult[];
}

/** The run is over: the last event of a successful run. */
export interface AgentFinishEvent {
  readonly type: 'finish';
  readonly result: AgentResult;
}

/** Everything an agent run reports: a discriminated union on `type`. */
export type AgentEvent =
  | AgentIterationStartEvent
  | AgentTextDeltaEvent
  | AgentReasoningDeltaEvent
  | AgentResponseEvent
  | AgentToolCallStartEvent
  | AgentToolApprovalEvent
  | AgentToolCallFinishEvent
  | AgentIterationFinishEvent
  | AgentFinishEvent;

/** The `type` tags of `AgentEvent`. */
export type AgentEventType = AgentEvent['type'];
