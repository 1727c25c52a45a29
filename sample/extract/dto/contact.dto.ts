import { IsEmail, IsOptional, IsString, MaxLength } from 'class-validator';

/** The structured output of `POST /extract`: a contact found in free text. */
export class ContactDto {
  /** The person's full name. */
  @IsString()
  @MaxLength(120)
  readonly name!: string;

  @IsOptional()
  @IsEmail()
  readonly email?: string;

  @IsOptional()
  @IsString()
  @MaxLength(40)
  readonly phone?: string;

  /** Where the person works. */
  @IsOptional()
  @IsString()
  @MaxLength(120)
  readonly company?: string;
}
