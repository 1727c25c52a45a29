import { ConduitValidationError } from '../core/errors/conduit-validation.error';
import { isRecord } from '../core/is-record';
import type { DurableAgentRuns } from '../agent/runs/agent-run-options.types';
import { FINAL_RUN_STATUSES } from '../agent/runs/agent-run-state.types';
import type { AgentRunJobData, AgentRunJobResult } from './agent-run-job.types';
import type { RunCancellations } from './run-cancellations';

/**
 * What a worker does with a run job: `resume` when the job carries approvals and the run still
 * waits for them, `continueRun` otherwise, from the saved state. A job handed over after its
 * worker died (BullMQ's stalled-job recovery) lands here too and continues where the store says
 * the run was; a job retried after the run finished returns its final status. Internal.
 */
export class AgentRunJobHandler {
  constructor(
    private readonly runs: DurableAgentRuns,
    private readonly cancellations: RunCancellations,
  ) {}

  /** Drives the job's run until it completes, suspends on an approval, fails or is cancelled. */
  async handle(data: unknown, workerSignal?: AbortSignal): Promise<AgentRunJobResult> {
    const { runId, approvals } = checkJobData(data);
    const watched = this.cancellations.watch(runId);
    const signal =
      workerSignal === undefined ? watched.signal : AbortSignal.any([watched.signal, workerSignal]);
    try {
      const current = await this.runs.getRun(runId);
      const state =
        approvals !== undefined && current.status === 'awaiting-approval'
          ? await this.runs.resume(runId, { approvals, signal })
          : await this.runs.continueRun(runId, { signal });
      return { runId, status: state.status };
    } catch (error: unknown) {
      // Aborted by a cancel: the store already says `cancelled` (with the usage so far).
      if (watched.cancelled) {
        const stored = await this.runs.getRun(runId);
        if (FINAL_RUN_STATUSES.includes(stored.status)) return { runId, status: stored.status };
      }
      throw error;
    } finally {
      watched.dispose();
    }
  }
}

/** The job data, or `ConduitValidationError` (a job nobody can run: not retried). */
export function checkJobData(data: unknown): AgentRunJobData {
  const runId = isRecord(data) ? data.runId : undefined;
  const approvals = isRecord(data) ? data.approvals : undefined;
  const issues = [];
  if (typeof runId !== 'string' || runId === '') {
    issues.push({ path: 'runId', message: 'must be a non-empty string' });
  }
  if (
    approvals !== undefined &&
    (!isRecord(approvals) || !Object.values(approvals).every((v) => typeof v === 'boolean'))
  ) {
    issues.push({ path: 'approvals', message: 'must be { [toolCallId]: true | false }' });
  }
  if (issues.length > 0) throw new ConduitValidationError(issues, 'Invalid agent run job');
  return data as AgentRunJobData;
}
