import { Injectable } from '@nestjs/common';
import { AgentService, type AgentRunState } from 'nestjs-conduit';
import { AgentRunQueue } from 'nestjs-conduit/queue';
import { ResearchRunner } from './research-runner';
import { RESEARCH_SYSTEM, RESEARCH_TOOLS } from './research.constants';

/**
 * Background runs on BullMQ (`REDIS_URL` set): any replica's worker drives the run, a killed
 * worker's run is taken over by another, and the run, its approvals and its events survive a
 * restart of every process.
 */
@Injectable()
export class QueuedResearchRunner extends ResearchRunner {
  constructor(
    private readonly agents: AgentService,
    private readonly queue: AgentRunQueue,
  ) {
    super();
  }

  /** `AgentService.enqueue` hands the run to the queue `ConduitQueueModule` registered. */
  async start(topic: string): Promise<{ readonly runId: string }> {
    const { runId } = await this.agents.enqueue({
      system: RESEARCH_SYSTEM,
      prompt: `Research ${topic}`,
      tools: RESEARCH_TOOLS,
    });
    return { runId };
  }

  async decide(runId: string, approvals: Readonly<Record<string, boolean>>): Promise<void> {
    await this.queue.resume(runId, { approvals });
  }

  cancel(runId: string): Promise<AgentRunState> {
    return this.queue.cancel(runId);
  }
}
