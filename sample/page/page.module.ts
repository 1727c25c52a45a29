import { Module, type DynamicModule } from '@nestjs/common';
import type { SampleModelChoice } from '../choose-chat-model';
import { SAMPLE_MODEL_CHOICE } from '../sample.constants';
import { PageController } from './page.controller';

/** The chat page (`GET /`) and `GET /info`. */
@Module({})
export class PageModule {
  /** `choice`: the model the sample picked, named on the page. */
  static forRoot(choice: SampleModelChoice): DynamicModule {
    return {
      module: PageModule,
      controllers: [PageController],
      providers: [{ provide: SAMPLE_MODEL_CHOICE, useValue: choice }],
    };
  }
}
