import { ruleSchema } from './validation-rule-schema';

enum Mixed {
  A = 'a',
  B = 2,
}

describe('ruleSchema', () => {
  it.each([
    ['isNumber', [], { type: 'number' }],
    ['isArray', [], { type: 'array' }],
    ['isObject', [], { type: 'object' }],
    ['isNotEmptyObject', [], { type: 'object' }],
    ['equals', ['yes'], { const: 'yes' }],
    ['isPositive', [], { exclusiveMinimum: 0 }],
    ['isNegative', [], { exclusiveMaximum: 0 }],
    ['minLength', [2], { minLength: 2 }],
    ['isLength', [3], { minLength: 3 }],
    ['isNotEmpty', [], { minLength: 1 }],
    ['matches', ['^a+$'], { type: 'string', pattern: '^a+$' }],
    ['arrayNotEmpty', [], { minItems: 1 }],
    ['arrayUnique', [], { uniqueItems: true }],
    ['isUuid', [], { type: 'string', format: 'uuid' }],
    ['isUrl', [], { type: 'string', format: 'uri' }],
    ['isDateString', [], { type: 'string', format: 'date-time' }],
    ['isIso8601', [], { type: 'string', format: 'date-time' }],
    ['isIn', [[1.5, 2]], { type: 'number', enum: [1.5, 2] }],
    ['isIn', [['a', 1]], { enum: ['a', 1] }],
  ])('maps %s %j', (name, constraints, expected) => {
    expect(ruleSchema(name, constraints)).toEqual(expected);
  });

  it('lists the values of an enum object without reverse mappings when class-validator gives none', () => {
    expect(ruleSchema('isEnum', [Mixed])).toEqual({ enum: ['a', 2] });
    expect(ruleSchema('isEnum', ['not an enum'])).toEqual({ enum: [] });
  });

  it('leaves out rules without a JSON Schema equivalent and malformed constraints', () => {
    expect(ruleSchema('isPhoneNumber', [])).toBeUndefined();
    expect(ruleSchema('min', ['5'])).toBeUndefined();
    expect(ruleSchema('matches', [42])).toBeUndefined();
  });
});
