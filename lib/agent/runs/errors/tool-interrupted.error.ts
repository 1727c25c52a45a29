import { ConduitError } from '../../../core/errors/conduit.error';

/**
 * A durable run found a tool call marked started without a result: the process died (or was
 * killed) while the tool ran, so whether its side effect happened is unknown. The tool is not
 * declared `@Tool({ idempotent: true })`, so it is not run again; the run fails with this error.
 */
export class ToolInterruptedError extends ConduitError {
  readonly runId: string;
  readonly toolCallId: string;
  readonly toolName: string;

  constructor(runId: string, toolCallId: string, toolName: string) {
    super(
      `Tool "${toolName}" (call ${toolCallId}) of agent run ${JSON.stringify(runId)} was ` +
        'interrupted mid-execution; whether it took effect is unknown, and it is not declared ' +
        '@Tool({ idempotent: true }), so it was not run again. Check its effect by hand and start ' +
        'a new run, or declare the tool idempotent if running it twice is safe.',
      { isRetryable: false },
    );
    this.runId = runId;
    this.toolCallId = toolCallId;
    this.toolName = toolName;
  }
}
