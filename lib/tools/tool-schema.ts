import type { Type } from '@nestjs/common';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import type { JsonSchema } from '../core';
import { declaredTypeOf } from './class-transformer-type';
import { TOOL_PARAM_METADATA } from './tool.constants';
import type { ToolParameters } from './tool-options.types';
import type { ToolParamOptions } from './tool-param.decorator';
import { ruleSchema, type SchemaFragment } from './validation-rule-schema';

/** The schema of a tool that takes no arguments. */
export const EMPTY_PARAMETERS_SCHEMA: JsonSchema = Object.freeze({
  type: 'object',
  properties: {},
  additionalProperties: false,
});

/** One class-validator rule on a property (the type is not exported by class-validator's index). */
type ValidationMetadata = ReturnType<
  ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']
>[number];

const DESIGN_TYPES = new Map<unknown, SchemaFragment>([
  [String, { type: 'string' }],
  [Number, { type: 'number' }],
  [Boolean, { type: 'boolean' }],
  [Date, { type: 'string', format: 'date-time' }],
  [Array, { type: 'array' }],
  [Object, {}],
]);

const STRING_ONLY = ['minLength', 'maxLength', 'pattern', 'format'] as const;

/** True for a user class (a DTO), false for built-ins such as `String` or `Array`. */
export function isDtoClass(value: unknown): value is Type<object> {
  return typeof value === 'function' && !DESIGN_TYPES.has(value) && value !== Function;
}

function ruleName(meta: ValidationMetadata): string | undefined {
  if (meta.name !== undefined) return meta.name;
  if (meta.constraintCls === undefined) return meta.type;
  return getMetadataStorage().getTargetValidatorConstraints(meta.constraintCls)[0]?.name;
}

/** The class-validator rules of a class (inherited ones included), grouped by property in order. */
function rulesByProperty(dto: Type<object>): Map<string, ValidationMetadata[]> {
  const grouped = new Map<string, ValidationMetadata[]>();
  for (const meta of getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false)) {
    const list = grouped.get(meta.propertyName) ?? [];
    list.push(meta);
    grouped.set(meta.propertyName, list);
  }
  return grouped;
}

function propertySchema(
  dto: Type<object>,
  property: string,
  rules: readonly ValidationMetadata[],
  seen: ReadonlySet<Type<object>>,
): SchemaFragment {
  const prototype = dto.prototype as object;
  const designType: unknown = Reflect.getMetadata('design:type', prototype, property);
  const isArray = designType === Array || rules.some((r) => r.each === true);
  const schema: SchemaFragment = { ...DESIGN_TYPES.get(designType) };
  const items: SchemaFragment = {};
  // class-validator stores a property's decorators bottom-up; apply them top-down.
  for (const rule of [...rules].reverse()) {
    if (rule.type === ValidationTypes.NESTED_VALIDATION) {
      const nested = declaredTypeOf(dto, property) ?? (isArray ? undefined : designType);
      if (isDtoClass(nested)) Object.assign(isArray ? items : schema, objectSchema(nested, seen));
      continue;
    }
    const name = ruleName(rule);
    const fragment = name === undefined ? undefined : ruleSchema(name, rule.constraints ?? []);
    if (fragment !== undefined) Object.assign(rule.each === true ? items : schema, fragment);
  }
  if (isArray) {
    schema.type = 'array';
    schema.items = items;
  }
  if (schema.type !== undefined && schema.type !== 'string') {
    for (const keyword of STRING_ONLY) delete schema[keyword];
  }
  const param = Reflect.getMetadata(TOOL_PARAM_METADATA, prototype, property) as
    ToolParamOptions | undefined;
  if (param?.description !== undefined) schema.description = param.description;
  return param?.schema === undefined ? schema : { ...schema, ...param.schema };
}

function objectSchema(dto: Type<object>, seen: ReadonlySet<Type<object>>): SchemaFragment {
  // A class that contains itself cannot be inlined: its inner occurrences accept any object.
  if (seen.has(dto)) return { type: 'object' };
  const inner = new Set(seen).add(dto);
  const properties: Record<string, SchemaFragment> = {};
  const required: string[] = [];
  for (const [property, rules] of rulesByProperty(dto)) {
    properties[property] = propertySchema(dto, property, rules, inner);
    if (!rules.some((r) => r.type === ValidationTypes.CONDITIONAL_VALIDATION)) {
      required.push(property);
    }
  }
  return {
    type: 'object',
    properties,
    ...(required.length > 0 ? { required } : {}),
    additionalProperties: false,
  };
}

/**
 * The JSON Schema of a class-validator DTO class, written for LLM tool APIs: nested classes are
 * inlined (no `$ref`), every object lists its `required` properties and forbids extra ones.
 *
 * Types come from class-validator rules (`@IsString`, `@IsInt`, `@IsEnum`, `@IsIn`, ...) and,
 * failing those, from the TypeScript type; constraints from `@Min`/`@Max`, `@MinLength`/
 * `@MaxLength`/`@Length`, `@Matches`, `@ArrayMinSize`/`@ArrayMaxSize`; nested objects and arrays
 * of them from `@ValidateNested()` + `@Type(() => Class)`; optional properties from
 * `@IsOptional()`; descriptions from `@ToolParam({ description })`.
 *
 * @example
 * ```ts
 * class GetWeatherDto {
 *   @ToolParam({ description: 'City name' }) @IsString() city!: string;
 *   @IsOptional() @IsIn(['c', 'f']) unit?: 'c' | 'f';
 * }
 * classToJsonSchema(GetWeatherDto);
 * // { type: 'object', properties: { city: { type: 'string', description: 'City name' },
 * //   unit: { type: 'string', enum: ['c', 'f'] } }, required: ['city'], additionalProperties: false }
 * ```
 */
export function classToJsonSchema(dto: Type<object>): JsonSchema {
  return objectSchema(dto, new Set());
}

/** The JSON Schema of a tool's parameters: generated from a DTO class, or a raw schema as given. */
export function toolParametersSchema(parameters: ToolParameters | undefined): JsonSchema {
  if (parameters === undefined) return EMPTY_PARAMETERS_SCHEMA;
  return typeof parameters === 'function' ? classToJsonSchema(parameters) : parameters;
}
