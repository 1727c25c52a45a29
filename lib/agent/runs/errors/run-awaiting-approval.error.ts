import { ConduitError } from '../../../core/errors/conduit.error';
import type { PendingApproval } from '../agent-run-state.types';

/**
 * `run({ durable: true })` (or a durable `@Agent()`'s `run()`) suspended on tools that need
 * approval: the run is saved as `awaiting-approval`; decide with `AgentService.resume(runId, ...)`.
 */
export class RunAwaitingApprovalError extends ConduitError {
  readonly runId: string;
  readonly pending: readonly PendingApproval[];

  constructor(runId: string, pending: readonly PendingApproval[]) {
    super(
      `Agent run ${JSON.stringify(runId)} waits for approval of ` +
        `${pending.map((p) => `${p.toolCallId} (${p.toolName})`).join(', ')}. Call ` +
        'AgentService.resume(runId, { approvals: { [toolCallId]: true | false } }).',
      { isRetryable: false },
    );
    this.runId = runId;
    this.pending = pending;
  }
}
