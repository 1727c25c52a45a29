import { ConduitError } from '../../core/errors/conduit.error';

/**
 * A pipeline step failed. `stepPath` names it (outer pipeline first when pipelines are nested),
 * `stepIndex` is its 0-based position in its own pipeline, and `cause` is the step's own error.
 */
export class PipelineStepError extends ConduitError {
  constructor(
    readonly stepPath: readonly string[],
    readonly stepIndex: number,
    cause: unknown,
  ) {
    super(
      `Pipeline step "${stepPath.join(' > ')}" failed: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause, isRetryable: cause instanceof ConduitError && cause.isRetryable },
    );
  }

  /** The name of the step that failed (the innermost one). */
  get step(): string {
    return this.stepPath[this.stepPath.length - 1] ?? '';
  }
}
