import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

/** Body of `POST /memory/chat`. */
export class MemoryChatRequestDto {
  /** Any id the client picks; calls with the same id share one conversation. */
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  readonly conversationId!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(8000)
  readonly message!: string;
}
