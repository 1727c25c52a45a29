import type { LoggerService } from '@nestjs/common';
import type { ConduitCallContext, GuardrailStage, Role } from '../core';
import type { GuardrailStats } from './guardrail-stats';

/**
 * What a guardrail's `check` answers: let the content through, block it (the call fails with
 * `GuardrailViolationError`), or let a rewritten version through instead (redacted PII, a
 * trimmed text). `R` is what a rewrite carries: text, or a tool call's arguments.
 */
export type GuardrailDecision<R = string> =
  | { readonly allow: true }
  | { readonly block: true; readonly reason: string; readonly category: string }
  | {
      readonly rewrite: R;
      /** What was changed, without quoting it (`email`, `card`): recorded and logged. */
      readonly categories?: readonly string[];
    };

/** A decision, now or later: a check may be synchronous (regexes) or asynchronous (a judge model). */
export type MaybePromise<T> = T | Promise<T>;

/**
 * How an output guardrail watches a stream:
 * - `buffer` (default): the deltas are held until the whole answer passed; nothing a block stops
 *   reaches the subscriber. The client sees the answer at once, at the end.
 * - `chunked`: the answer is checked a chunk at a time (at a sentence end once `chunkSize`
 *   characters are pending); each chunk is held until it passed, and the first that fails stops
 *   the stream with the error (the provider's HTTP request is aborted). Nothing blocked leaks;
 *   the latency is one chunk.
 * - `after`: the deltas go through untouched and the whole answer is checked at the end, for the
 *   record only (metadata, logs, counters): a block is noted, not enforced.
 */
export type OutputGuardrailMode = 'buffer' | 'chunked' | 'after';

/** Options every guardrail takes. */
export interface GuardrailOptions {
  /** The name in errors, logs and metadata. Default: the class name. */
  readonly name?: string;
  /** How streamed answers are checked (default `buffer`). Non-streamed answers are checked whole. */
  readonly mode?: OutputGuardrailMode;
  /** Characters pending before `chunked` mode looks for a sentence end to check at (default 400). */
  readonly chunkSize?: number;
  /** The message roles whose text input checks see (default `['user']`). */
  readonly inputRoles?: readonly Role[];
  /**
   * Where decisions are logged (name, stage, outcome, category; never the checked text): blocks
   * at `warn`, rewrites at `log`, passes at `verbose`. Default `new Logger('ConduitGuardrails')`;
   * `false` for none.
   */
  readonly logger?: LoggerService | false;
  /** Counters to add to (share one between guardrails to read them together). Default: its own. */
  readonly stats?: GuardrailStats;
}

/** What a check knows about the content it is given. */
export interface GuardrailCheckContext {
  readonly stage: GuardrailStage;
  /** The call being guarded (its alias, model, metadata...). */
  readonly call: ConduitCallContext;
  /** For output chunks: characters of the answer released before this text (0 otherwise). */
  readonly offset: number;
  /** False for a chunk in the middle of a stream: more text follows. */
  readonly final: boolean;
  /** For input checks: the role of the message the text belongs to. */
  readonly role?: Role;
  /** For input checks: whether the text is in the last message checked (the new turn). */
  readonly last?: boolean;
}

/** The outcome of one check, as recorded in metadata, logs and counters. */
export type GuardrailOutcome = 'allow' | 'block' | 'rewrite';

/** One decision, as noted under `GUARDRAIL_METADATA_KEY` (never the checked text). */
export interface GuardrailRecord {
  readonly guardrail: string;
  readonly stage: GuardrailStage;
  readonly outcome: GuardrailOutcome;
  /** The block's category, or the rewrite's categories joined with `,`. */
  readonly category?: string;
  readonly reason?: string;
  /** True when the block was only noted (`after` mode). */
  readonly enforced: boolean;
}
