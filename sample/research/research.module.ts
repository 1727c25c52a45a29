import {
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import type Redis from 'ioredis';
import { ConduitQueueModule } from 'nestjs-conduit/queue';
import type { SampleEnv } from '../sample-env';
import { InProcessResearchRunner } from './in-process-research-runner';
import { QueuedResearchRunner } from './queued-research-runner';
import { ResearchRunner } from './research-runner';
import { ResearchToolsService } from './research-tools.service';
import { ResearchController } from './research.controller';
import { redisConnectionOf, redisUrlOf, type SampleRuns } from './sample-runs';

/** Closes the runs' Redis client when the app shuts down. */
class RedisClientCloser implements OnApplicationShutdown {
  constructor(private readonly redis: Redis) {}

  onApplicationShutdown(): void {
    // Nest runs shutdown hooks again on every app.close(). ioredis' disconnect() of a client that
    // has already ended starts a 2 s timer waiting for a socket 'close' that happened long ago,
    // which holds the process open (Jest: "did not exit one second after the test run").
    if (this.redis.status === 'end') return;
    this.redis.disconnect();
  }
}

/**
 * The research agent that runs in the background (`/research`): on BullMQ workers when
 * `REDIS_URL` is set, in this process otherwise. Its events come from the run event log
 * configured in AppModule (`sampleRuns`).
 */
@Module({})
export class ResearchModule {
  /** The module for this environment. */
  static forRoot(env: SampleEnv, runs: SampleRuns): DynamicModule {
    const url = redisUrlOf(env);
    const providers: Provider[] = [ResearchToolsService];
    const { redis } = runs;
    if (redis !== undefined) {
      providers.push({
        provide: RedisClientCloser,
        useFactory: () => new RedisClientCloser(redis),
      });
    }
    if (url === undefined) {
      return {
        module: ResearchModule,
        controllers: [ResearchController],
        providers: [...providers, { provide: ResearchRunner, useClass: InProcessResearchRunner }],
      };
    }
    return {
      module: ResearchModule,
      imports: [ConduitQueueModule.forRoot({ connection: redisConnectionOf(url), concurrency: 2 })],
      controllers: [ResearchController],
      providers: [...providers, { provide: ResearchRunner, useClass: QueuedResearchRunner }],
    };
  }
}
