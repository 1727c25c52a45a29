import { isRecord, type WireRecord } from '../shared/wire-data';

/** Keywords of the OpenAPI 3.0 subset Gemini's `Schema` takes, copied as they are. */
const PLAIN_KEYWORDS = [
  'format',
  'title',
  'description',
  'nullable',
  'maxItems',
  'minItems',
  'minProperties',
  'maxProperties',
  'minLength',
  'maxLength',
  'pattern',
  'example',
  'default',
  'minimum',
  'maximum',
  'propertyOrdering',
] as const;

/** How deep a schema is followed: deeper levels are cut (a cyclic or hostile schema stops here). */
const MAX_DEPTH = 32;

function convertType(type: unknown, out: Record<string, unknown>): void {
  if (typeof type === 'string') {
    if (type === 'null') out['nullable'] = true;
    else out['type'] = type;
    return;
  }
  if (!Array.isArray(type)) return;
  const types = (type as unknown[]).filter((t): t is string => typeof t === 'string');
  if (types.includes('null')) out['nullable'] = true;
  const rest = types.filter((t) => t !== 'null');
  if (rest.length === 1) out['type'] = rest[0];
  else if (rest.length > 1) out['anyOf'] = rest.map((t) => ({ type: t }));
}

function convert(schema: WireRecord, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (depth > MAX_DEPTH) return out;
  convertType(schema['type'], out);
  for (const key of PLAIN_KEYWORDS) if (schema[key] !== undefined) out[key] = schema[key];
  if (Array.isArray(schema['enum'])) out['enum'] = schema['enum'];
  else if (schema['const'] !== undefined) out['enum'] = [schema['const']];
  if (Array.isArray(schema['required'])) out['required'] = schema['required'];
  const properties = schema['properties'];
  if (isRecord(properties)) {
    out['properties'] = Object.fromEntries(
      Object.entries(properties).map(([name, value]) => [
        name,
        isRecord(value) ? convert(value, depth + 1) : {},
      ]),
    );
  }
  if (isRecord(schema['items'])) out['items'] = convert(schema['items'], depth + 1);
  const variants = schema['anyOf'] ?? schema['oneOf'];
  if (Array.isArray(variants)) {
    const converted = (variants as unknown[]).filter(isRecord).map((v) => convert(v, depth + 1));
    // `{ anyOf: [X, { type: 'null' }] }` (how zod writes optional-nullable) is X, nullable.
    const nonNull = converted.filter((v) => !(Object.keys(v).length === 1 && v['nullable']));
    if (nonNull.length < converted.length) out['nullable'] = true;
    if (nonNull.length === 1) Object.assign(out, nonNull[0]);
    else if (nonNull.length > 1) out['anyOf'] = nonNull;
  }
  return out;
}

/**
 * A JSON Schema in the OpenAPI 3.0 subset Gemini's `Schema` takes (`parameters`,
 * `responseSchema`): `type: [X, 'null']` becomes `type: X, nullable: true`, `const` a one-value
 * `enum`, `oneOf` `anyOf`; keywords the subset lacks (`additionalProperties`, `$schema`, `$ref`,
 * `$defs`, `not`...) are dropped. `undefined` for an object schema without properties, which
 * Gemini refuses as `parameters` (a tool without arguments then sends none).
 */
export function toGoogleSchema(schema: unknown): Record<string, unknown> | undefined {
  if (!isRecord(schema)) return undefined;
  const converted = convert(schema, 0);
  const properties = converted['properties'];
  if (
    converted['type'] === 'object' &&
    (!isRecord(properties) || Object.keys(properties).length === 0)
  ) {
    return undefined;
  }
  return converted;
}
