import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ToolParam } from './tool-param.decorator';
import { classToJsonSchema, EMPTY_PARAMETERS_SCHEMA, toolParametersSchema } from './tool-schema';

enum Unit {
  Celsius = 'c',
  Fahrenheit = 'f',
}

enum Priority {
  Low = 1,
  High = 2,
}

class AddressDto {
  @ToolParam({ description: 'Street and number' })
  @IsString()
  street!: string;

  @IsOptional()
  @Matches(/^\d{5}$/)
  zip?: string;
}

class LineDto {
  @IsString() @Length(1, 20) sku!: string;
  @IsInt() @Min(1) @Max(99) quantity!: number;
}

class OrderDto {
  @ToolParam({ description: 'Customer e-mail' })
  @IsEmail()
  email!: string;

  @ValidateNested()
  @Type(() => AddressDto)
  address!: AddressDto;

  @ValidateNested({ each: true })
  @Type(() => LineDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  lines!: LineDto[];

  @IsEnum(Unit) unit!: Unit;
  @IsEnum(Priority) priority!: Priority;
  @IsOptional() @IsIn(['red', 'green']) colour?: string;
  @IsString({ each: true }) @MaxLength(8, { each: true }) tags!: string[];
  @IsOptional() @IsBoolean() gift?: boolean;
  @ToolParam({ description: 'Any note', schema: { examples: ['leave at door'] } }) note!: string;
}

class TreeDto {
  @IsString() label!: string;
  @IsOptional() @ValidateNested({ each: true }) @Type(() => TreeDto) children?: TreeDto[];
}

class BaseDto {
  @IsString() id!: string;
}

class DerivedDto extends BaseDto {
  @IsNumber() amount!: number;
}

interface Schema {
  readonly type?: unknown;
  readonly properties: Record<string, unknown>;
  readonly required?: readonly string[];
  readonly additionalProperties?: unknown;
}

describe('classToJsonSchema', () => {
  const schema = classToJsonSchema(OrderDto) as unknown as Schema;

  it('describes an object with its required properties and no extra ones', () => {
    expect(schema.type).toBe('object');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual([
      'email',
      'address',
      'lines',
      'unit',
      'priority',
      'tags',
      'note',
    ]);
  });

  it('takes types, formats and descriptions from the rules and @ToolParam', () => {
    expect(schema.properties.email).toEqual({
      type: 'string',
      format: 'email',
      description: 'Customer e-mail',
    });
    expect(schema.properties.gift).toEqual({ type: 'boolean' });
    expect(schema.properties.note).toEqual({
      type: 'string',
      description: 'Any note',
      examples: ['leave at door'],
    });
  });

  it('inlines nested objects, with their own required list and pattern', () => {
    expect(schema.properties.address).toEqual({
      type: 'object',
      properties: {
        street: { type: 'string', description: 'Street and number' },
        zip: { type: 'string', pattern: '^\\d{5}$' },
      },
      required: ['street'],
      additionalProperties: false,
    });
  });

  it('describes arrays of nested objects with item constraints and size limits', () => {
    expect(schema.properties.lines).toEqual({
      type: 'array',
      minItems: 1,
      maxItems: 10,
      items: {
        type: 'object',
        properties: {
          sku: { type: 'string', minLength: 1, maxLength: 20 },
          quantity: { type: 'integer', minimum: 1, maximum: 99 },
        },
        required: ['sku', 'quantity'],
        additionalProperties: false,
      },
    });
    expect(schema.properties.tags).toEqual({
      type: 'array',
      items: { type: 'string', maxLength: 8 },
    });
  });

  it('lists enum values, without the reverse mappings of numeric enums', () => {
    expect(schema.properties.unit).toEqual({ type: 'string', enum: ['c', 'f'] });
    expect(schema.properties.priority).toEqual({ type: 'integer', enum: [1, 2] });
    expect(schema.properties.colour).toEqual({ type: 'string', enum: ['red', 'green'] });
  });

  it('stops at a class that contains itself', () => {
    const tree = classToJsonSchema(TreeDto) as unknown as Schema;
    expect(tree.properties.children).toEqual({ type: 'array', items: { type: 'object' } });
    expect(tree.required).toEqual(['label']);
  });

  it('includes inherited properties', () => {
    const derived = classToJsonSchema(DerivedDto) as unknown as Schema;
    expect(Object.keys(derived.properties).sort()).toEqual(['amount', 'id']);
    expect(derived.properties.amount).toEqual({ type: 'number' });
  });
});

describe('toolParametersSchema', () => {
  it('gives an empty object schema when a tool takes no arguments', () => {
    expect(toolParametersSchema(undefined)).toBe(EMPTY_PARAMETERS_SCHEMA);
  });

  it('passes a raw JSON Schema through unchanged', () => {
    const raw = { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] };
    expect(toolParametersSchema(raw)).toBe(raw);
  });
});
