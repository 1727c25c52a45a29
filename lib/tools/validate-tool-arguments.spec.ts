import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Min, ValidateNested } from 'class-validator';
import { validateToolArguments } from './validate-tool-arguments';

class ItemDto {
  @IsString() sku!: string;
  @IsInt() @Min(1) quantity!: number;
}

class CartDto {
  @IsString() customer!: string;
  @IsOptional() @IsString() note?: string;
  @ValidateNested({ each: true }) @Type(() => ItemDto) items!: ItemDto[];
}

describe('validateToolArguments', () => {
  it('returns an instance of the DTO class, nested classes included, without unknown properties', async () => {
    const outcome = await validateToolArguments(
      { customer: 'ada', items: [{ sku: 'a', quantity: 2 }], admin: true },
      CartDto,
    );
    expect(outcome.ok).toBe(true);
    const cart = outcome.ok ? (outcome.value as CartDto) : undefined;
    expect(cart).toBeInstanceOf(CartDto);
    expect(cart?.items[0]).toBeInstanceOf(ItemDto);
    expect(cart).not.toHaveProperty('admin');
  });

  it('lists each problem as path: message, nested array items included', async () => {
    const outcome = await validateToolArguments(
      {
        customer: 7,
        items: [
          { sku: 'a', quantity: 1 },
          { sku: 'b', quantity: 0 },
        ],
      },
      CartDto,
    );
    expect(outcome).toEqual({
      ok: false,
      issues: [
        { path: 'customer', message: 'customer must be a string' },
        { path: 'items[1].quantity', message: 'quantity must not be less than 1' },
      ],
    });
  });

  it('checks a raw JSON Schema and passes the plain object through', async () => {
    const schema = { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] };
    expect(await validateToolArguments({ q: 'x' }, schema)).toEqual({
      ok: true,
      value: { q: 'x' },
    });
    expect(await validateToolArguments({}, schema)).toEqual({
      ok: false,
      issues: [{ path: 'q', message: 'is required' }],
    });
  });

  it('passes the arguments through when the tool declares no parameters', async () => {
    expect(await validateToolArguments({ a: 1 }, undefined)).toEqual({ ok: true, value: { a: 1 } });
  });
});
