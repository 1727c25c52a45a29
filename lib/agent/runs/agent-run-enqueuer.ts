import type { AgentStartOptions } from './agent-run-options.types';

/** What `AgentService.enqueue` resolves with: the run's id and its BullMQ job id. */
export interface EnqueuedAgentRun {
  readonly runId: string;
  readonly jobId: string;
}

/**
 * What `AgentService.enqueue` hands a run to: the `AgentRunQueue` of `ConduitQueueModule`,
 * registered under `CONDUIT_AGENT_RUN_ENQUEUER` (an interface here, so the agent floor never
 * imports the queue floor or bullmq).
 */
export interface AgentRunEnqueuer {
  /** Creates the run (`queued`) and its job; resolves before any work starts. */
  enqueue(options: AgentStartOptions): Promise<EnqueuedAgentRun>;
}
