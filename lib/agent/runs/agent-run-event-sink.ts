import type { AgentEvent } from '../agent-event.types';
import type { AgentRunState } from './agent-run-state.types';

/**
 * Where the events of durable runs go (`ConduitModule.forRoot({ runs: { store, events } })`), e.g.
 * a Redis Stream that other replicas read. `append` is awaited in order for every agent event of
 * every durable run (never a `tool-approval` event: a durable run suspends instead of asking).
 * A sink that throws does not fail the run: the run state, not the event log, is the source of
 * truth; the failure is logged.
 */
export interface AgentRunEventSink {
  /** Records one event of the run `runId`. */
  append(runId: string, event: AgentEvent): Promise<void>;
  /**
   * Optional: called after each status change is saved (queued, running, awaiting-approval,
   * completed, failed, cancelled), e.g. to tell clients that a run waits for approval.
   */
  statusChanged?(state: AgentRunState): Promise<void>;
}
