import type { GuardrailCheckContext, GuardrailDecision, MaybePromise } from './guardrail.types';
import { Guardrail } from './guardrail';

/**
 * A guardrail on what goes to the model: `check` sees the text of each message whose role is in
 * `inputRoles` (default: user messages), before the call. A block fails the call before anything
 * is sent; a rewrite replaces the text the model receives.
 *
 * @example
 * @Injectable()
 * export class NoSqlGuardrail extends InputGuardrail {
 *   check(text: string): GuardrailDecision {
 *     return /\bDROP\s+TABLE\b/i.test(text)
 *       ? { block: true, reason: 'SQL in the prompt', category: 'sql' }
 *       : { allow: true };
 *   }
 * }
 */
export abstract class InputGuardrail extends Guardrail {
  /** Decides on one message's text. */
  abstract check(text: string, context: GuardrailCheckContext): MaybePromise<GuardrailDecision>;

  protected override checkInput(
    text: string,
    context: GuardrailCheckContext,
  ): MaybePromise<GuardrailDecision> {
    return this.check(text, context);
  }
}
