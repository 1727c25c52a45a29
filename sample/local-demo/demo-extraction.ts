import type { JsonSchema } from 'nestjs-conduit';

/** Finders by property name: what the demo model can pull out of a text without a real LLM. */
const FINDERS: Readonly<Record<string, (text: string) => string | undefined>> = {
  email: (text) => /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/.exec(text)?.[0],
  phone: (text) => /\+?\d[\d ()-]{6,}\d/.exec(text)?.[0],
  // "Ada Lovelace" in "Ada Lovelace (ada@...)": the first run of two or three capitalized words.
  name: (text) => /\b[A-Z][a-z]+(?: [A-Z][a-z]+){1,2}\b/.exec(text)?.[0],
  company: (text) => /\b(?:at|from|of)\s+([A-Z][\w&]*(?: [A-Z][\w&]*)*)/.exec(text)?.[1],
  city: (text) => /\b(?:in|lives in)\s+([A-Z][a-z]+(?: [A-Z][a-z]+)*)/.exec(text)?.[1],
};

/**
 * The JSON the demo model answers to a structured-output request: for every property of the
 * schema it has a finder for, the value found in `text`; properties it cannot find stay out (the
 * DTO's optional fields). Deterministic, and honest about being a pattern matcher, not an LLM.
 */
export function extractDemoObject(schema: JsonSchema, text: string): Record<string, string> {
  const properties = schema['properties'];
  const names =
    typeof properties === 'object' && properties !== null ? Object.keys(properties) : [];
  const found: Record<string, string> = {};
  for (const name of names) {
    const choices = enumOf(properties, name);
    const value = choices === undefined ? FINDERS[name]?.(text) : pickLabel(choices, text);
    if (value !== undefined) found[name] = value.trim();
  }
  return found;
}

/** The `enum` of a string property (a classification's labels), if it has one. */
function enumOf(properties: unknown, name: string): string[] | undefined {
  const property = (properties as Record<string, unknown>)[name];
  if (typeof property !== 'object' || property === null) return undefined;
  const choices = (property as { enum?: unknown }).enum;
  return Array.isArray(choices)
    ? choices.filter((c): c is string => typeof c === 'string')
    : undefined;
}

/** The first label the text mentions (by its word, or a word that starts like it), else the last. */
function pickLabel(labels: readonly string[], text: string): string | undefined {
  const words = text.toLowerCase().split(/[^a-z0-9]+/);
  const mentioned = labels.find((label) =>
    words.some((word) => word.length >= 3 && (word.startsWith(label) || label.startsWith(word))),
  );
  return mentioned ?? labels[labels.length - 1];
}
