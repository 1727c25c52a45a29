import { ConduitError } from '../../../core/errors/conduit.error';
import type { AgentRunStatus, PendingApproval } from '../agent-run-state.types';

/**
 * `resume()` of a run that does not wait for approval (completed, failed, cancelled, queued or
 * running), or `continueRun()` of a final run. Lists the run's status and what is pending.
 */
export class RunNotResumableError extends ConduitError {
  readonly runId: string;
  readonly status: AgentRunStatus;
  /** The approvals the run waits for (empty unless `awaiting-approval`). */
  readonly pending: readonly PendingApproval[];

  constructor(
    runId: string,
    status: AgentRunStatus,
    pending: readonly PendingApproval[],
    action: string,
  ) {
    super(
      `Cannot ${action} agent run ${JSON.stringify(runId)}: its status is "${status}"` +
        (pending.length === 0
          ? ' and nothing is pending.'
          : `; pending approvals: ${pending.map((p) => `${p.toolCallId} (${p.toolName})`).join(', ')}.`),
      { isRetryable: false },
    );
    this.runId = runId;
    this.status = status;
    this.pending = pending;
  }
}
