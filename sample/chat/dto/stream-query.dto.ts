import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** Query of `GET /chat/stream`. */
export class StreamQueryDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(8000)
  readonly message!: string;
}
