/** The kinds of personal data and secrets `PiiRedactionGuardrail` finds. */
export type PiiKind = 'email' | 'phone' | 'card' | 'iban' | 'api_key';

/** One finding: where it is in the original text, and its kind (never its value). */
export interface PiiSpan {
  readonly start: number;
  readonly end: number;
  readonly kind: PiiKind;
}
