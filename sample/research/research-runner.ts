import type { AgentRunState } from 'nestjs-conduit';

/**
 * How the sample runs research in the background: on BullMQ workers when `REDIS_URL` is set
 * (`QueuedResearchRunner`), in this process otherwise (`InProcessResearchRunner`). The controller
 * sees only this class (it is the injection token).
 */
export abstract class ResearchRunner {
  /** Starts a run for the topic; resolves with its id before any work is done. */
  abstract start(topic: string): Promise<{ readonly runId: string }>;
  /** Decides the pending approvals; the run continues in the background. */
  abstract decide(runId: string, approvals: Readonly<Record<string, boolean>>): Promise<void>;
  /** Cancels the run wherever it runs. */
  abstract cancel(runId: string): Promise<AgentRunState>;
}
