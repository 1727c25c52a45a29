import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** The text fields of `POST /chat/file` (multipart): the question asked about the file. */
export class ChatFileRequestDto {
  /** The question about the attached file. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(8000)
  readonly message!: string;
}
