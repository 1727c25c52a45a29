import { Injectable, Logger } from '@nestjs/common';
import { AgentService, type AgentRunState } from 'nestjs-conduit';
import { ResearchRunner } from './research-runner';
import { RESEARCH_SYSTEM, RESEARCH_TOOLS } from './research.constants';

/**
 * Background runs without Redis: the run is durable in the module's run store (in memory here),
 * and driven by a promise of this process that nobody awaits. A page reload finds it again; a
 * restart of the process does not (use `REDIS_URL` for that).
 */
@Injectable()
export class InProcessResearchRunner extends ResearchRunner {
  private readonly logger = new Logger('Research');

  constructor(private readonly agents: AgentService) {
    super();
  }

  async start(topic: string): Promise<{ readonly runId: string }> {
    const run = await this.agents.createRun({
      system: RESEARCH_SYSTEM,
      prompt: `Research ${topic}`,
      tools: RESEARCH_TOOLS,
    });
    this.inBackground(this.agents.continueRun(run.runId), run.runId);
    return { runId: run.runId };
  }

  async decide(runId: string, approvals: Readonly<Record<string, boolean>>): Promise<void> {
    const state = await this.agents.getRun(runId);
    const pending = state.pendingApprovals.map((approval) => approval.toolCallId);
    const decided = Object.keys(approvals);
    const complete =
      state.status === 'awaiting-approval' &&
      decided.length === pending.length &&
      pending.every((id) => approvals[id] !== undefined);
    // A wrong decision gets its typed error (RunNotResumableError, UnknownApprovalError) now;
    // a right one continues the run in the background.
    if (!complete) {
      await this.agents.resume(runId, { approvals });
      return;
    }
    this.inBackground(this.agents.resume(runId, { approvals }), runId);
  }

  cancel(runId: string): Promise<AgentRunState> {
    return this.agents.cancel(runId);
  }

  private inBackground(run: Promise<AgentRunState>, runId: string): void {
    run.catch((error: unknown) =>
      this.logger.warn(`Research run ${runId} stopped: ${(error as Error).name}`),
    );
  }
}
