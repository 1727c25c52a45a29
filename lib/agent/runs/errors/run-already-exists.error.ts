import { ConduitError } from '../../../core/errors/conduit.error';

/** `start()` / `createRun()` with a `runId` that is already taken. */
export class RunAlreadyExistsError extends ConduitError {
  readonly runId: string;

  constructor(runId: string) {
    super(
      `An agent run ${JSON.stringify(runId)} already exists. Use another runId, or continue the ` +
        'existing run with resume() / continueRun().',
      { isRetryable: false },
    );
    this.runId = runId;
  }
}
