/**
 * Injection tokens for the options of the built-in guardrails, for apps that let Nest build a
 * guardrail class (`interceptors: [PiiRedactionGuardrail]`):
 * `{ provide: PII_REDACTION_GUARDRAIL_OPTIONS, useValue: { action: 'block' } }`. An instance
 * (`new PiiRedactionGuardrail({ action: 'block' })`) needs no token.
 */
export const PII_REDACTION_GUARDRAIL_OPTIONS = Symbol('conduit:pii-redaction-guardrail-options');
/** Options token of `MaxLengthGuardrail`. */
export const MAX_LENGTH_GUARDRAIL_OPTIONS = Symbol('conduit:max-length-guardrail-options');
/** Options token of `PromptInjectionGuardrail`. */
export const PROMPT_INJECTION_GUARDRAIL_OPTIONS = Symbol(
  'conduit:prompt-injection-guardrail-options',
);
/** Options token of `ModerationGuardrail`. */
export const MODERATION_GUARDRAIL_OPTIONS = Symbol('conduit:moderation-guardrail-options');
/** Options token of `TopicGuardrail`. */
export const TOPIC_GUARDRAIL_OPTIONS = Symbol('conduit:topic-guardrail-options');
/** Options token of `SchemaGuardrail`. */
export const SCHEMA_GUARDRAIL_OPTIONS = Symbol('conduit:schema-guardrail-options');
