import type { AgentRunStatus } from '../agent/runs/agent-run-state.types';

/** The data of a background run job: the run to drive, and the decisions when it resumes one. */
export interface AgentRunJobData {
  readonly runId: string;
  /** Present on the job of `AgentRunQueue.resume()`: `{ [toolCallId]: approved }`. */
  readonly approvals?: Readonly<Record<string, boolean>>;
}

/** What a run job returns (BullMQ keeps it as the job's return value). */
export interface AgentRunJobResult {
  readonly runId: string;
  readonly status: AgentRunStatus;
}

/** What `AgentRunQueue.enqueue()` and `resume()` resolve with, at once. */
export interface EnqueuedRun {
  readonly runId: string;
  /** The BullMQ job id. */
  readonly jobId: string;
}
