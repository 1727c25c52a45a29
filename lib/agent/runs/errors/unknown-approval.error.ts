import { ConduitError } from '../../../core/errors/conduit.error';
import type { PendingApproval } from '../agent-run-state.types';

/**
 * `resume()` named a tool call the run does not wait for, or left a pending one without a
 * decision. Lists what is pending; nothing was changed.
 */
export class UnknownApprovalError extends ConduitError {
  readonly runId: string;
  /** Decisions given for tool calls that are not pending. */
  readonly unknown: readonly string[];
  /** Pending tool calls the decisions did not cover. */
  readonly missing: readonly string[];
  readonly pending: readonly PendingApproval[];

  constructor(
    runId: string,
    unknown: readonly string[],
    missing: readonly string[],
    pending: readonly PendingApproval[],
  ) {
    const parts = [
      unknown.length === 0 ? '' : `not pending: ${unknown.join(', ')}`,
      missing.length === 0 ? '' : `no decision for: ${missing.join(', ')}`,
    ].filter((part) => part !== '');
    super(
      `Invalid approvals for agent run ${JSON.stringify(runId)} (${parts.join('; ')}). Pending: ` +
        `${pending.map((p) => `${p.toolCallId} (${p.toolName})`).join(', ') || '(none)'}. ` +
        'Give { approvals: { [toolCallId]: true | false } } for every pending call.',
      { isRetryable: false },
    );
    this.runId = runId;
    this.unknown = unknown;
    this.missing = missing;
    this.pending = pending;
  }
}
