import { Inject, Injectable, Optional } from '@nestjs/common';
import { Guardrail } from './guardrail';
import { MAX_LENGTH_GUARDRAIL_OPTIONS } from './guardrail-options.tokens';
import type { GuardrailCheckContext, GuardrailDecision, GuardrailOptions } from './guardrail.types';

/** Options of `MaxLengthGuardrail`. */
export interface MaxLengthGuardrailOptions extends GuardrailOptions {
  /** The most characters one checked message may have (none by default). */
  readonly maxInputChars?: number;
  /** The most characters an answer may have (none by default). */
  readonly maxOutputChars?: number;
  /** Fail the call (`block`, default) or cut the text at the limit (`truncate`). */
  readonly action?: 'block' | 'truncate';
}

/**
 * Caps the length of prompts (per message) and answers. On streams it works in every mode; in
 * `chunked` mode the answer is stopped as soon as it passes the limit, so a runaway answer does
 * not run on (and bill) to its end.
 *
 * @example
 * new MaxLengthGuardrail({ maxInputChars: 8_000, maxOutputChars: 20_000, mode: 'chunked' })
 */
@Injectable()
export class MaxLengthGuardrail extends Guardrail {
  constructor(
    @Optional()
    @Inject(MAX_LENGTH_GUARDRAIL_OPTIONS)
    protected override readonly options: MaxLengthGuardrailOptions = {},
  ) {
    super(options);
  }

  private decide(text: string, offset: number, max: number | undefined): GuardrailDecision {
    if (max === undefined || offset + text.length <= max) return { allow: true };
    if (this.options.action === 'truncate') {
      return { rewrite: text.slice(0, Math.max(0, max - offset)), categories: ['too_long'] };
    }
    return { block: true, reason: `longer than ${max} characters`, category: 'too_long' };
  }

  protected override checkInput(text: string, _context: GuardrailCheckContext): GuardrailDecision {
    return this.decide(text, 0, this.options.maxInputChars);
  }

  protected override checkOutput(text: string, context: GuardrailCheckContext): GuardrailDecision {
    return this.decide(text, context.offset, this.options.maxOutputChars);
  }
}
