export * from './guardrail.types';
export * from './guardrail.constants';
export * from './guardrail-options.tokens';
export { GuardrailStats, type GuardrailCounts } from './guardrail-stats';
export { Guardrail } from './guardrail';
export { InputGuardrail } from './input.guardrail';
export { OutputGuardrail } from './output.guardrail';
export { ToolGuardrail } from './tool.guardrail';
export {
  PiiRedactionGuardrail,
  type PiiRedactionGuardrailOptions,
} from './pii-redaction.guardrail';
export type { PiiKind } from './pii/pii-kind.types';
export { ModerationGuardrail, type ModerationGuardrailOptions } from './moderation.guardrail';
export type { ModerationCategory, ModerationResult } from './moderation/moderation.types';
export { MaxLengthGuardrail, type MaxLengthGuardrailOptions } from './max-length.guardrail';
export {
  PromptInjectionGuardrail,
  WITHHELD_TOOL_RESULT,
  type InjectionClassifier,
  type PromptInjectionGuardrailOptions,
} from './prompt-injection.guardrail';
export { TopicGuardrail, type TopicGuardrailOptions, type TopicVerdict } from './topic.guardrail';
export {
  SchemaGuardrail,
  type SchemaGuardrailOptions,
  type ToolArgumentsRule,
} from './schema.guardrail';
export { UseGuardrails } from './use-guardrails.decorator';
