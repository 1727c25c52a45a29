import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** Body of `POST /memory/:id`: the next message of an existing conversation. */
export class MemoryMessageDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(8000)
  readonly message!: string;
}
