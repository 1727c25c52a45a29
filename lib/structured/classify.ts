import {
  ConduitValidationError,
  type JsonSchema,
  type Message,
  type ValidationIssue,
} from '../core';

/** A label to classify into: its name, or its name and what it means. */
export type ClassificationLabel<L extends string = string> =
  L | { readonly name: L; readonly description?: string };

/** Options of `classify`. */
export interface ClassifyOptions {
  /** Also ask for a short justification, written before the label (default false). */
  readonly reasoning?: boolean;
  /** Replaces the default instruction (the label list is still enforced by the schema). */
  readonly instructions?: string;
}

/** The label the model chose (always one of the given ones) and its reasoning when asked. */
export interface ClassificationResult<L extends string = string> {
  readonly label: L;
  readonly reasoning?: string;
}

function nameOf<L extends string>(label: ClassificationLabel<L>): L {
  return typeof label === 'string' ? label : label.name;
}

/** Throws `ConduitValidationError` for an empty list, blank or duplicate labels. */
export function checkLabels(labels: readonly ClassificationLabel[]): void {
  const issues: ValidationIssue[] = [];
  if (!Array.isArray(labels) || labels.length === 0) {
    issues.push({ path: 'labels', message: 'must list at least one label' });
  } else {
    const seen = new Set<string>();
    labels.forEach((label, index) => {
      const name: unknown = typeof label === 'string' ? label : (label as { name?: unknown }).name;
      if (typeof name !== 'string' || name.trim() === '') {
        issues.push({ path: `labels[${index}]`, message: 'must be a non-empty string' });
      } else if (seen.has(name)) {
        issues.push({ path: `labels[${index}]`, message: `duplicate label "${name}"` });
      } else seen.add(name);
    });
  }
  if (issues.length > 0) throw new ConduitValidationError(issues, 'Invalid classify() labels');
}

/** The schema that only accepts one of the labels (reasoning first, so the model thinks first). */
export function classificationSchema(
  labels: readonly ClassificationLabel[],
  options: ClassifyOptions = {},
): JsonSchema {
  const label = { type: 'string', enum: labels.map(nameOf), description: 'The chosen label.' };
  if (options.reasoning !== true) {
    return {
      type: 'object',
      properties: { label },
      required: ['label'],
      additionalProperties: false,
    };
  }
  return {
    type: 'object',
    properties: {
      reasoning: { type: 'string', description: 'One or two sentences on why the label fits.' },
      label,
    },
    required: ['reasoning', 'label'],
    additionalProperties: false,
  };
}

/** The conversation of a classification: the instruction with the labels, then the text. */
export function classificationMessages(
  text: string,
  labels: readonly ClassificationLabel[],
  options: ClassifyOptions = {},
): Message[] {
  const list = labels
    .map((label) =>
      typeof label === 'string' || label.description === undefined
        ? `- ${nameOf(label)}`
        : `- ${label.name}: ${label.description}`,
    )
    .join('\n');
  const instructions =
    options.instructions ?? 'Classify the text the user gives into exactly one of these labels.';
  return [
    { role: 'system', content: `${instructions}\nLabels:\n${list}` },
    { role: 'user', content: text },
  ];
}
