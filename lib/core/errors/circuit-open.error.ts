import { ConduitError } from './conduit.error';

/**
 * Every model of a fallback chain was skipped or failed and the last one's circuit breaker is
 * open: it failed too often lately, so no request was sent to it. Retryable: the circuit
 * half-opens after its cool-down and lets one probe call through.
 */
export class CircuitOpenError extends ConduitError {
  /** The aliases whose circuit was open when the call reached them. */
  readonly aliases: readonly string[];

  constructor(aliases: readonly string[], message?: string) {
    super(
      message ??
        `No model was left to answer: the circuit breaker is open for ${aliases.map((a) => `"${a}"`).join(', ')} after repeated failures. Retry after the cool-down, or add a healthy alias to the fallback chain.`,
      { isRetryable: true },
    );
    this.aliases = aliases;
  }
}
