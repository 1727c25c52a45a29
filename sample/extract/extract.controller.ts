import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { StructuredOutputService } from 'nestjs-conduit';
import { ContactDto } from './dto/contact.dto';
import { ExtractRequestDto } from './dto/extract-request.dto';

/** What `POST /extract` answers. */
export interface ExtractAnswer {
  /** A validated `ContactDto` instance. */
  readonly contact: ContactDto;
  /** How the model was made to answer in the schema (`json_schema`, `tool`, `json`, `prompt`). */
  readonly mode: string;
  /** Answers the model gave: 1, plus one per correction asked after an invalid answer. */
  readonly attempts: number;
}

/**
 * `POST /extract`: structured output into a class-validator DTO. The DTO is the schema sent to the
 * model and the validator of its answer; an invalid answer is sent back for correction (up to 2
 * times), then the call fails with `StructuredOutputError`.
 */
@Controller('extract')
export class ExtractController {
  constructor(private readonly structured: StructuredOutputService) {}

  @Post()
  @HttpCode(200)
  async extract(@Body() body: ExtractRequestDto): Promise<ExtractAnswer> {
    const result = await this.structured.generate(body.text, {
      schema: ContactDto,
      system: 'Extract the contact details of the person the text is about.',
      maxRetries: 2,
    });
    return { contact: result.object, mode: result.mode, attempts: result.attempts };
  }
}
