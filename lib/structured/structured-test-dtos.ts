import { Type } from 'class-transformer';
import {
  IsEmail,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Min,
  ValidateNested,
} from 'class-validator';

/** Test DTOs of the structured-output specs (not part of the library). */
export class AddressDto {
  @IsString()
  city!: string;
}

/** A person with a nested address: what the specs ask the mock model for. */
export class PersonDto {
  @IsString()
  name!: string;

  @IsInt()
  @Min(0)
  age!: number;

  @IsOptional()
  @IsEmail()
  email?: string;

  // @ValidateNested() alone accepts a missing object: @IsObject() makes it required.
  @IsObject()
  @ValidateNested()
  @Type(() => AddressDto)
  address!: AddressDto;
}

/** A valid answer for `PersonDto`. */
export const ADA = { name: 'Ada', age: 36, address: { city: 'London' } };
