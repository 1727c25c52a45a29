import { Controller, Get, Header, Inject } from '@nestjs/common';
import type { SampleModelChoice } from '../choose-chat-model';
import { SAMPLE_MODEL_CHOICE } from '../sample.constants';
import { CHAT_PAGE_HTML } from './chat-page.html';

/** What `GET /info` answers. */
export interface SampleInfo {
  /** Which model answers, as the startup log says it. */
  readonly description: string;
}

/** `GET /`: the chat page; `GET /info`: which model answers (shown on the page). */
@Controller()
export class PageController {
  constructor(@Inject(SAMPLE_MODEL_CHOICE) private readonly choice: SampleModelChoice) {}

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  page(): string {
    return CHAT_PAGE_HTML;
  }

  @Get('info')
  info(): SampleInfo {
    return { description: this.choice.description };
  }
}
