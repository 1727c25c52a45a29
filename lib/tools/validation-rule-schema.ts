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
  isEmail: 'email',
  isUUID: 'uuid',
  isUrl: 'uri',
  isDateString: 'date-time',
  isISO8601: 'date-time',
  isDate: 'date-time',
  isIP: 'ipv4',
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
    case 'isString':
      return { type: 'string' };
    case 'isNumber':
      return { type: 'number' };
    case 'isInt':
      return { type: 'integer' };
    case 'isBoolean':
      return { type: 'boolean' };
    case 'isArray':
      return { type: 'array' };
    case 'isObject':
    case 'isNotEmptyObject':
      return { type: 'object' };
    case 'isEnum':
      return enumSchema(enumValues(first, second));
    case 'isIn':
      return enumSchema(Array.isArray(first) ? first : []);
    case 'equals':
      return { const: first };
    case 'min':
      return numberConstraint('minimum', first);
    case 'max':
      return numberConstraint('maximum', first);
    case 'isPositive':
      return { exclusiveMinimum: 0 };
    case 'isNegative':
      return { exclusiveMaximum: 0 };
    case 'minLength':
      return numberConstraint('minLength', first);
    case 'maxLength':
      return numberConstraint('maxLength', first);
    case 'length':
      return { ...numberConstraint('minLength', first), ...numberConstraint('maxLength', second) };
    case 'isNotEmpty':
      return { minLength: 1 };
    case 'matches':
      return first instanceof RegExp
        ? { type: 'string', pattern: first.source }
        : typeof first === 'string'
          ? { type: 'string', pattern: first }
          : undefined;
    case 'arrayMinSize':
      return numberConstraint('minItems', first);
    case 'arrayMaxSize':
      return numberConstraint('maxItems', first);
    case 'arrayNotEmpty':
      return { minItems: 1 };
    case 'arrayUnique':
      return { uniqueItems: true };
    default:
      return undefined;
  }
}
