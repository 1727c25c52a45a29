import { ConduitError } from '../../../core/errors/conduit.error';

/** No durable run has this id in the configured `AgentRunStore` (never created, deleted or expired). */
export class RunNotFoundError extends ConduitError {
  readonly runId: string;

  constructor(runId: string) {
    super(
      `No agent run ${JSON.stringify(runId)} in the run store. It was never created here, or it ` +
        'was deleted or expired (see the store ttlMs / prune).',
      { isRetryable: false },
    );
    this.runId = runId;
  }
}
