import type { Usage } from '../../core';
import type { AgentEvent } from '../agent-event.types';
import type { AgentRunError, AgentRunStatus, PendingApproval } from '../runs/agent-run-state.types';

/**
 * An agent event as a run's event log keeps it: plain JSON data, so it reads the same in any
 * process. The `respond` function of a `tool-approval` event stays behind in the process that ran
 * the loop (a durable run is approved through `AgentService.resume` instead).
 */
export type AgentRunLogEvent = AgentEvent extends infer E
  ? E extends AgentEvent
    ? Omit<E, 'respond'>
    : never
  : never;

/**
 * A durable run's status changed (the log's `statusChanged`): `awaiting-approval` with the calls to
 * decide on, and the last event of every run, `completed`, `failed` or `cancelled`, with the usage
 * so far.
 */
export interface AgentRunStatusEvent {
  readonly type: 'run-status';
  readonly runId: string;
  readonly status: AgentRunStatus;
  /** The tool calls waiting for a decision (empty unless `awaiting-approval`). */
  readonly pendingApprovals: readonly PendingApproval[];
  /** Tokens of every model call so far, summed. */
  readonly usage: Usage;
  /** Model calls made so far. */
  readonly iterations: number;
  /** The answer, once `completed`. */
  readonly text?: string;
  /** Why, once `failed` or `cancelled`. */
  readonly error?: AgentRunError;
}

/** What a run's event log holds: its agent events and its status changes. */
export type RunLogEvent = AgentRunLogEvent | AgentRunStatusEvent;

/** One entry of a run's event log: its id (the SSE `id:`, the `after` of a resumed read) and the event. */
export interface RunEventRecord {
  /** Ordered within the run: a Redis Stream entry id (`1733570000000-0`), or a counter in memory. */
  readonly id: string;
  readonly event: RunLogEvent;
}

/** Options of `RunEventLog.read()`. */
export interface ReadRunEventsOptions {
  /**
   * Start after this event id (the `Last-Event-ID` a reconnecting browser sends). Omitted: from
   * the first event the log still holds.
   */
  readonly after?: string;
}
