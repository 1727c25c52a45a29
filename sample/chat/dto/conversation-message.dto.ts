import { IsIn, IsString } from 'class-validator';

/** One earlier turn of the conversation sent back by the client. */
export class ConversationMessageDto {
  @IsIn(['system', 'user', 'assistant'])
  readonly role!: 'system' | 'user' | 'assistant';

  @IsString()
  readonly content!: string;
}
