import { Inject, Injectable, Optional } from '@nestjs/common';
import { Guardrail } from './guardrail';
import { PROMPT_INJECTION_GUARDRAIL_OPTIONS } from './guardrail-options.tokens';
import type {
  GuardrailCheckContext,
  GuardrailDecision,
  GuardrailOptions,
  MaybePromise,
} from './guardrail.types';
import { matchInjectionRules } from './injection/injection-heuristics';

/**
 * A second opinion on text the heuristics let through: a small classifier model, a hosted
 * detector. `true` (or a score at or above `threshold`) means an injection attempt.
 */
export type InjectionClassifier = (
  text: string,
  context: GuardrailCheckContext,
) => MaybePromise<boolean | number>;

/** Options of `PromptInjectionGuardrail`. */
export interface PromptInjectionGuardrailOptions extends GuardrailOptions {
  /** Consulted when no heuristic matched (none by default). */
  readonly classifier?: InjectionClassifier;
  /** Score from which a classifier's number counts as an injection (default 0.5). */
  readonly threshold?: number;
  /**
   * What happens to a tool result that looks like an injection: `withhold` (default) replaces
   * it with a notice, so the agent loop goes on without it; `block` fails the tool call.
   */
  readonly onToolResult?: 'withhold' | 'block';
}

/** What the model reads instead of a withheld tool result. */
export const WITHHELD_TOOL_RESULT =
  '[tool result withheld: it contained instructions addressed to the assistant]';

/**
 * Looks for prompt-injection attempts ("ignore the previous instructions", "reveal your system
 * prompt", fake `<|im_start|>` / `[INST]` markup, "you are now DAN") in user messages, in tool
 * messages of the prompt, and in tool results before the model reads them (indirect injection
 * through a web page or a document). Zero-width characters, NFKC variants and Cyrillic or Greek
 * look-alike letters are folded first. Pluggable `classifier` for what heuristics miss.
 *
 * @example
 * new PromptInjectionGuardrail({ classifier: (text) => detector.score(text) })
 */
@Injectable()
export class PromptInjectionGuardrail extends Guardrail {
  constructor(
    @Optional()
    @Inject(PROMPT_INJECTION_GUARDRAIL_OPTIONS)
    protected override readonly options: PromptInjectionGuardrailOptions = {},
  ) {
    super({ inputRoles: ['user', 'tool'], ...options });
  }

  /** Whether `text` is an injection attempt, and by which rules (`classifier` last). */
  detect(text: string, context: GuardrailCheckContext): MaybePromise<readonly string[]> {
    const rules = matchInjectionRules(text);
    const classifier = this.options.classifier;
    if (rules.length > 0 || classifier === undefined) return rules;
    const threshold = this.options.threshold ?? 0.5;
    const verdict = classifier(text, context);
    const read = (v: boolean | number): string[] =>
      v === true || (typeof v === 'number' && v >= threshold) ? ['classifier'] : [];
    return verdict instanceof Promise ? verdict.then(read) : read(verdict);
  }

  private decide(
    text: string,
    context: GuardrailCheckContext,
    withhold: boolean,
  ): MaybePromise<GuardrailDecision> {
    const found = this.detect(text, context);
    const decision = (rules: readonly string[]): GuardrailDecision => {
      if (rules.length === 0) return { allow: true };
      if (withhold) return { rewrite: WITHHELD_TOOL_RESULT, categories: ['prompt_injection'] };
      return { block: true, reason: `matched ${rules.join(', ')}`, category: 'prompt_injection' };
    };
    return found instanceof Promise ? found.then(decision) : decision(found);
  }

  protected override checkInput(
    text: string,
    context: GuardrailCheckContext,
  ): MaybePromise<GuardrailDecision> {
    return this.decide(text, context, false);
  }

  protected override checkToolResult(
    content: string,
    context: GuardrailCheckContext,
  ): MaybePromise<GuardrailDecision> {
    return this.decide(content, context, this.options.onToolResult !== 'block');
  }
}
