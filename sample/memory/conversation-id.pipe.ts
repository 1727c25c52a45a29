import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';
import { SAMPLE_ID_PATTERN, SAMPLE_ID_RULE } from './sample-ids';

/**
 * Checks a conversation id taken from the path (as `ParseUUIDPipe` checks a UUID): 400 unless it
 * matches `SAMPLE_ID_PATTERN`, the rule the body's `conversationId` follows too.
 */
@Injectable()
export class ConversationIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!SAMPLE_ID_PATTERN.test(value)) {
      throw new BadRequestException(`The conversation id must be ${SAMPLE_ID_RULE}.`);
    }
    return value;
  }
}
