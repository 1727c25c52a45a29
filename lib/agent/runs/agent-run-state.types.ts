import type { ChatResponse, Message, ToolCall, ToolChoice, ToolResult, Usage } from '../../core';
import type { ToolConcurrency } from '../../tools/tool-options.types';

/**
 * Where a durable run stands.
 *
 * - `queued`: created (`createRun`), no model call yet;
 * - `running`: a process is working on it (or was, and died: `continueRun` picks it up);
 * - `awaiting-approval`: suspended on tools declared `requiresApproval` (`resume` decides);
 * - `completed`, `failed`, `cancelled`: final; nothing continues them.
 */
export type AgentRunStatus =
  'queued' | 'running' | 'completed' | 'awaiting-approval' | 'failed' | 'cancelled';

/** The statuses a run never leaves. */
export const FINAL_RUN_STATUSES: readonly AgentRunStatus[] = ['completed', 'failed', 'cancelled'];

/** Why a run failed, as plain data (an `Error` does not survive JSON). Never holds a secret. */
export interface AgentRunError {
  /** The error's class name, e.g. `RateLimitError`, `ToolInterruptedError`. */
  readonly name: string;
  readonly message: string;
}

/** A tool call that waits for a human's decision (`AgentService.resume`). */
export interface PendingApproval {
  readonly toolCallId: string;
  readonly toolName: string;
  /** The parsed arguments the model gave. */
  readonly arguments: Record<string, unknown>;
}

/**
 * Where one tool call of a durable run stands. The call is marked `started` (and saved) before
 * the tool runs and `finished` (with its result, saved) after: a call found `started` on resume
 * was interrupted mid-execution.
 *
 * - `pending`: asked for by the model, not run yet;
 * - `awaiting-approval`: waits for `resume`;
 * - `approved` / `rejected`: decided, not run yet (a rejected call never runs);
 * - `started`: running, or its process died while it ran;
 * - `finished`: `result` is saved; it is never run again.
 */
export type AgentRunToolCallStatus =
  'pending' | 'awaiting-approval' | 'approved' | 'rejected' | 'started' | 'finished';

/** One tool call of a durable run and its saved outcome. */
export interface AgentRunToolCall {
  /** The model call (1-based) that asked for it. */
  readonly iteration: number;
  readonly toolCall: ToolCall;
  readonly status: AgentRunToolCallStatus;
  /** The result the model received (present once `finished`). */
  readonly result?: ToolResult;
  /** How many times the tool was started (more than 1: re-run after an interruption). */
  readonly attempts: number;
  /** Wall time of the last attempt, milliseconds (once `finished`). */
  readonly durationMs?: number;
}

/**
 * What a durable run runs with, as plain JSON, so that any replica can continue it: the options of
 * `start()` that survive a restart. Tools are resolved to names when the run is created (a
 * `{ classes }` selection cannot be stored). Callbacks, signals, interceptors and headers are not
 * stored (headers may hold credentials): pass them again to `continueRun`/`resume` if needed.
 */
export interface AgentRunSpec {
  /** The `@Agent()` / declared agent's name, when it came from one (for logs and listings). */
  readonly agent?: string;
  /** Chat model alias (`default` when absent). */
  readonly model?: string;
  readonly system?: string;
  /** The tools the model may call, by name. */
  readonly tools: readonly string[];
  readonly maxIterations: number;
  /** Tool choice of the first model call. */
  readonly toolChoice?: ToolChoice;
  /** The turn's tool policy (durable runs save each call; see docs/durable-runs.md). */
  readonly concurrency?: ToolConcurrency;
  readonly temperature?: number;
  readonly topP?: number;
  readonly maxTokens?: number;
  readonly stop?: readonly string[];
  readonly seed?: number;
  /** Timeout of each model call in milliseconds. */
  readonly timeoutMs?: number;
}

/** The outcome of a completed run. */
export interface AgentRunResult {
  /** The final answer's text. */
  readonly text: string;
  /** The final model answer (the one without tool calls). */
  readonly response: ChatResponse;
}

/**
 * The saved state of a durable agent run: everything needed to continue it on any replica,
 * as plain JSON. Saved after every model call and every tool result; `version` grows by one on
 * every save (optimistic concurrency: a save against an older version is a `RunConflictError`).
 */
export interface AgentRunState {
  readonly runId: string;
  readonly status: AgentRunStatus;
  /** Set once `completed`. */
  readonly result?: AgentRunResult;
  /** Set once `failed` (or `cancelled`, with the reason). */
  readonly error?: AgentRunError;
  /** The tool calls waiting for a decision (empty unless `awaiting-approval`). */
  readonly pendingApprovals: readonly PendingApproval[];
  /** Tokens of every model call so far, summed. */
  readonly usage: Usage;
  /** Model calls made so far. */
  readonly iterations: number;
  readonly spec: AgentRunSpec;
  /**
   * The conversation so far: the starting messages (system first), then every assistant turn and,
   * once a turn's tools are all finished, their tool messages.
   */
  readonly messages: readonly Message[];
  /** The latest model answer (for the events of a turn continued after a restart). */
  readonly lastResponse?: ChatResponse;
  /** Every tool call of the run, in the order the model asked for them, with their outcome. */
  readonly toolCalls: readonly AgentRunToolCall[];
  /** 1 when created, +1 on every save. */
  readonly version: number;
  /** ISO 8601 times. */
  readonly createdAt: string;
  readonly updatedAt: string;
}
