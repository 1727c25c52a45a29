import type { GuardrailCheckContext, GuardrailDecision, MaybePromise } from './guardrail.types';
import { Guardrail } from './guardrail';

/**
 * A guardrail on the answer: `check` sees the answer text (a whole answer, or one chunk of a
 * stream in `chunked` mode: `context.final` is false and `context.offset` says where the chunk
 * starts). Streams follow `mode` (`buffer` by default: nothing is released before it passed).
 *
 * @example
 * export class NoCompetitorsGuardrail extends OutputGuardrail {
 *   check(text: string): GuardrailDecision {
 *     return text.includes('Acme Corp')
 *       ? { rewrite: text.replaceAll('Acme Corp', 'another vendor') }
 *       : { allow: true };
 *   }
 * }
 */
export abstract class OutputGuardrail extends Guardrail {
  /** Decides on answer text. */
  abstract check(text: string, context: GuardrailCheckContext): MaybePromise<GuardrailDecision>;

  protected override checkOutput(
    text: string,
    context: GuardrailCheckContext,
  ): MaybePromise<GuardrailDecision> {
    return this.check(text, context);
  }
}
