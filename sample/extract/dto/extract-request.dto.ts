import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** Body of `POST /extract`. */
export class ExtractRequestDto {
  /** Free text that mentions a person, e.g. an email signature. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(8000)
  readonly text!: string;
}
