import { ConduitError } from './conduit.error';

/** Where a guardrail stood when it blocked: the prompt, the answer, a tool's arguments or its result. */
export type GuardrailStage = 'input' | 'output' | 'tool-call' | 'tool-result';

/** What `GuardrailViolationError` reports. */
export interface GuardrailViolationDetails {
  /** The guardrail's name (its class name unless configured). */
  readonly guardrail: string;
  /** A stable machine-readable kind: `pii`, `prompt_injection`, `off_topic`, `too_long`... */
  readonly category: string;
  readonly stage: GuardrailStage;
  /**
   * Why, for the server's logs. Guardrails write it without quoting the checked text, so that
   * the content a guardrail stopped never travels in an error.
   */
  readonly reason: string;
}

/**
 * A guardrail blocked a call: the input never reached the model, or the answer (or the rest of a
 * stream) never reached the caller. Not retryable: the same content is blocked again. Clients
 * see a fixed message (422, `guardrail_blocked`), never the reason.
 */
export class GuardrailViolationError extends ConduitError {
  readonly guardrail: string;
  readonly category: string;
  readonly stage: GuardrailStage;
  readonly reason: string;

  constructor(details: GuardrailViolationDetails) {
    super(
      `Guardrail ${details.guardrail} blocked the ${details.stage} (${details.category}): ${details.reason}`,
      { isRetryable: false },
    );
    this.guardrail = details.guardrail;
    this.category = details.category;
    this.stage = details.stage;
    this.reason = details.reason;
  }
}
