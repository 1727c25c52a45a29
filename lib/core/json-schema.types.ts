/** A JSON Schema document, as plain data. Kept open: providers accept different subsets. */
export type JsonSchema = Readonly<Record<string, unknown>>;
