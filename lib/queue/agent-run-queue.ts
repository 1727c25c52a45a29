import type { JobsOptions, Queue } from 'bullmq';
import type { AgentStartOptions, DurableAgentRuns } from '../agent/runs/agent-run-options.types';
import type { AgentRunState } from '../agent/runs/agent-run-state.types';
import { RunNotResumableError } from '../agent/runs/errors/run-not-resumable.error';
import { UnknownApprovalError } from '../agent/runs/errors/unknown-approval.error';
import type { AgentRunJobData, EnqueuedRun } from './agent-run-job.types';
import type { RunCancellations } from './run-cancellations';

/** Options of `AgentRunQueue.enqueue()`: a durable run's options, plus BullMQ options of its job. */
export interface EnqueueRunOptions extends AgentStartOptions {
  /** BullMQ options of this job (over the module's `jobOptions`): `priority`, `delay`... */
  readonly jobOptions?: Omit<JobsOptions, 'jobId'>;
}

/**
 * Background agent runs on BullMQ (from `nestjs-conduit/queue`): `enqueue()` saves the run
 * (`queued`) and resolves with its id at once; a worker of any replica drives it with
 * `AgentService.continueRun`. Follow it with `AgentRunEvents.events(runId)`, decide its approvals
 * with `resume()`, stop it from anywhere with `cancel()`.
 *
 * It sits beside `AgentService` instead of in it because the root package never loads bullmq:
 * only an app that imports `ConduitQueueModule` needs it.
 *
 * @example
 * const { runId } = await runQueue.enqueue({ prompt: 'Research the EV market', tools: { classes: [ResearchTools] } });
 */
export class AgentRunQueue {
  /** @internal Made by `ConduitQueueModule`; inject `AgentRunQueue` instead. */
  constructor(
    protected readonly queue: Queue<AgentRunJobData>,
    protected readonly runs: DurableAgentRuns,
    private readonly cancellations: RunCancellations,
  ) {}

  /** Creates the run (`queued`, in the run store) and its job; resolves before any work starts. */
  async enqueue(options: EnqueueRunOptions): Promise<EnqueuedRun> {
    const { jobOptions, ...start } = options;
    const created = await this.runs.createRun(start);
    const jobId = `run-${created.runId}`;
    await this.queue.add('run', { runId: created.runId }, { ...jobOptions, jobId });
    return { runId: created.runId, jobId };
  }

  /**
   * Decides the pending approvals of an `awaiting-approval` run and lets a worker continue it.
   * Checked here first (`RunNotResumableError`, `UnknownApprovalError` listing what is pending);
   * the worker's `resume` claims the run, so of two racing calls one wins.
   */
  async resume(
    runId: string,
    options: { readonly approvals: Readonly<Record<string, boolean>> },
  ): Promise<EnqueuedRun> {
    const state = await this.runs.getRun(runId);
    if (state.status !== 'awaiting-approval') {
      throw new RunNotResumableError(runId, state.status, state.pendingApprovals, 'resume');
    }
    const approvals = options.approvals;
    const pendingIds = state.pendingApprovals.map((p) => p.toolCallId);
    const unknown = Object.keys(approvals).filter((id) => !pendingIds.includes(id));
    const missing = pendingIds.filter((id) => approvals[id] === undefined);
    if (unknown.length > 0 || missing.length > 0) {
      throw new UnknownApprovalError(runId, unknown, missing, state.pendingApprovals);
    }
    const jobId = `run-${runId}-v${state.version}`;
    await this.queue.add('run', { runId, approvals }, { jobId });
    return { runId, jobId };
  }

  /**
   * Cancels the run in the store (its usage so far stays recorded) and tells every worker through
   * Redis, so the one driving it aborts its model call at once. Resolves with the final state.
   */
  async cancel(runId: string): Promise<AgentRunState> {
    const state = await this.runs.cancel(runId);
    await this.cancellations.publish(runId);
    return state;
  }
}
