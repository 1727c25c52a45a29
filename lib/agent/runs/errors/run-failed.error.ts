import { ConduitError } from '../../../core/errors/conduit.error';
import type { AgentRunError, AgentRunState } from '../agent-run-state.types';

/**
 * `run({ durable: true })` ended with a failed run (the model failed, a tool was interrupted,
 * `maxIterations`...). The run's saved error is in `runError`; the whole state in `state`.
 */
export class RunFailedError extends ConduitError {
  readonly runId: string;
  readonly runError: AgentRunError | undefined;
  readonly state: AgentRunState;

  constructor(state: AgentRunState) {
    super(
      `Agent run ${JSON.stringify(state.runId)} ${state.status === 'failed' ? 'failed' : `ended as "${state.status}"`}` +
        (state.error === undefined ? '.' : `: ${state.error.name}: ${state.error.message}`),
      { isRetryable: false },
    );
    this.runId = state.runId;
    this.runError = state.error;
    this.state = state;
  }
}
