import {
  ARRAY_MAX_SIZE,
  ARRAY_MIN_SIZE,
  ARRAY_NOT_EMPTY,
  ARRAY_UNIQUE,
  EQUALS,
  IS_ARRAY,
  IS_BOOLEAN,
  IS_DATE,
  IS_DATE_STRING,
  IS_EMAIL,
  IS_ENUM,
  IS_IN,
  IS_INT,
  IS_ISO8601,
  IS_LENGTH,
  IS_NEGATIVE,
  IS_NOT_EMPTY,
  IS_NOT_EMPTY_OBJECT,
  IS_NUMBER,
  IS_OBJECT,
  IS_POSITIVE,
  IS_STRING,
  IS_URL,
  IS_UUID,
  MATCHES,
  MAX,
  MAX_LENGTH,
  MIN,
  MIN_LENGTH,
} from 'class-validator';

/** A JSON Schema fragment under construction. */
export type SchemaFragment = Record<string, unknown>;

/** `enum` plus the narrowest `type` that covers every value. */
function enumSchema(values: readonly unknown[]): SchemaFragment {
  const fragment: SchemaFragment = { enum: [...values] };
  if (values.length > 0 && values.every((v) => typeof v === 'string')) fragment.type = 'string';
  else if (values.length > 0 && values.every((v) => Number.isInteger(v))) fragment.type = 'integer';
  else if (values.length > 0 && values.every((v) => typeof v === 'number'))
    fragment.type = 'number';
  return fragment;
}

/** The values a TypeScript enum accepts, without the reverse mappings of numeric members. */
function enumValues(entity: unknown, listed: unknown): readonly unknown[] {
  if (Array.isArray(listed)) return listed;
  if (typeof entity !== 'object' || entity === null) return [];
  // Same rule as class-validator's isEnum: numeric keys are reverse mappings (`{ 0: 'A' }`).
  return Object.entries(entity as Record<string, unknown>)
    .filter(([key]) => Number.isNaN(Number.parseInt(key, 10)))
    .map(([, value]) => value);
}

function numberConstraint(keyword: string, value: unknown): SchemaFragment | undefined {
  return typeof value === 'number' ? { [keyword]: value } : undefined;
}

const STRING_FORMATS: Readonly<Record<string, string>> = {
  [IS_EMAIL]: 'email',
  [IS_UUID]: 'uuid',
  [IS_URL]: 'uri',
  [IS_DATE_STRING]: 'date-time',
  [IS_ISO8601]: 'date-time',
  [IS_DATE]: 'date-time',
};

/**
 * The JSON Schema keywords a class-validator rule implies, by the rule's name (`isString`,
 * `min`, ...) and its constraints. Rules without a JSON Schema equivalent give `undefined`: the
 * validator still enforces them when the tool is called.
 */
export function ruleSchema(
  name: string,
  constraints: readonly unknown[],
): SchemaFragment | undefined {
  const [first, second] = constraints;
  const format = STRING_FORMATS[name];
  if (format !== undefined) return { type: 'string', format };
  switch (name) {
    case IS_STRING:
      return { type: 'string' };
    case IS_NUMBER:
      return { type: 'number' };
    case IS_INT:
      return { type: 'integer' };
    case IS_BOOLEAN:
      return { type: 'boolean' };
    case IS_ARRAY:
      return { type: 'array' };
    case IS_OBJECT:
    case IS_NOT_EMPTY_OBJECT:
      return { type: 'object' };
    case IS_ENUM:
      return enumSchema(enumValues(first, second));
    case IS_IN:
      return enumSchema(Array.isArray(first) ? first : []);
    case EQUALS:
      return { const: first };
    case MIN:
      return numberConstraint('minimum', first);
    case MAX:
      return numberConstraint('maximum', first);
    case IS_POSITIVE:
      return { exclusiveMinimum: 0 };
    case IS_NEGATIVE:
      return { exclusiveMaximum: 0 };
    case MIN_LENGTH:
      return numberConstraint('minLength', first);
    case MAX_LENGTH:
      return numberConstraint('maxLength', first);
    case IS_LENGTH:
      return { ...numberConstraint('minLength', first), ...numberConstraint('maxLength', second) };
    case IS_NOT_EMPTY:
      return { minLength: 1 };
    case MATCHES:
      return first instanceof RegExp
        ? { type: 'string', pattern: first.source }
        : typeof first === 'string'
          ? { type: 'string', pattern: first }
          : undefined;
    case ARRAY_MIN_SIZE:
      return numberConstraint('minItems', first);
    case ARRAY_MAX_SIZE:
      return numberConstraint('maxItems', first);
    case ARRAY_NOT_EMPTY:
      return { minItems: 1 };
    case ARRAY_UNIQUE:
      return { uniqueItems: true };
    default:
      return undefined;
  }
}
