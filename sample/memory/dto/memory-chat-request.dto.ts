import { IsString, Matches } from 'class-validator';
import { SAMPLE_ID_PATTERN } from '../sample-ids';
import { MemoryMessageDto } from './memory-message.dto';

/** Body of `POST /memory/chat`. */
export class MemoryChatRequestDto extends MemoryMessageDto {
  /** Any id the caller picks; the caller's calls with the same id share one conversation. */
  @IsString()
  @Matches(SAMPLE_ID_PATTERN)
  readonly conversationId!: string;
}
