import {
  Inject,
  Logger,
  Module,
  ValidationPipe,
  type DynamicModule,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { ConduitModule } from 'nestjs-conduit';
import { ChatModule } from './chat/chat.module';
import { chooseChatModel, type SampleModelChoice } from './choose-chat-model';
import { SAMPLE_MODEL_CHOICE } from './sample.constants';
import type { SampleEnv } from './sample-env';

/** The sample app. Build it with `AppModule.forRoot(process.env)` (tests pass their own env). */
@Module({})
export class AppModule implements OnApplicationBootstrap {
  /** Picks the model from `env` (see chooseChatModel) and wires ConduitModule and the chat routes. */
  static forRoot(env: SampleEnv): DynamicModule {
    const choice = chooseChatModel(env);
    return {
      module: AppModule,
      imports: [
        ConduitModule.forRoot({ models: { default: choice.model }, isGlobal: true }),
        ChatModule,
      ],
      providers: [
        { provide: SAMPLE_MODEL_CHOICE, useValue: choice },
        {
          provide: APP_PIPE,
          useValue: new ValidationPipe({
            whitelist: true,
            forbidNonWhitelisted: true,
            transform: true,
          }),
        },
      ],
    };
  }

  private readonly logger = new Logger('Sample');

  constructor(@Inject(SAMPLE_MODEL_CHOICE) private readonly choice: SampleModelChoice) {}

  /** Says at startup which model answers, so nobody mistakes the demo echo for a real LLM. */
  onApplicationBootstrap(): void {
    this.logger.log(this.choice.description);
  }
}
