import { ConduitError, type Usage, type ValidationIssue } from '../core';

/** What `StructuredOutputError` carries besides its message. */
export interface StructuredOutputErrorDetails {
  /** The model's last answer as text (the tool arguments in tool mode). */
  readonly rawText: string;
  /** The problems of the last answer, `path: message` (`(root)` for the answer as a whole). */
  readonly issues: readonly ValidationIssue[];
  /** Tokens of every attempt, summed. */
  readonly usage: Usage;
  /** How many answers the model gave (1 + retries). */
  readonly attempts: number;
}

/**
 * The model did not produce a valid object: after `maxRetries` corrections its last answer still
 * was not JSON or did not pass the schema (or the model refused). Carries the raw answer, the
 * issues and the usage of every attempt, so the caller can log, bill or fall back.
 */
export class StructuredOutputError extends ConduitError implements StructuredOutputErrorDetails {
  readonly rawText: string;
  readonly issues: readonly ValidationIssue[];
  readonly usage: Usage;
  readonly attempts: number;

  constructor(message: string, details: StructuredOutputErrorDetails) {
    const lines = details.issues.map((issue) => `  - ${issue.path}: ${issue.message}`).join('\n');
    super(lines === '' ? message : `${message}\n${lines}`, { isRetryable: false });
    this.rawText = details.rawText;
    this.issues = details.issues;
    this.usage = details.usage;
    this.attempts = details.attempts;
  }
}
