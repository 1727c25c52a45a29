import { Type } from 'class-transformer';
import {
  IsArray,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ConversationMessageDto } from './conversation-message.dto';

/** Body of `POST /chat`. */
export class ChatRequestDto {
  /** The new user message. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(8000)
  readonly message!: string;

  /** Earlier turns, oldest first; the new message is appended after them. */
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ConversationMessageDto)
  readonly conversation?: ConversationMessageDto[];
}
