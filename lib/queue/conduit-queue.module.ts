import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { AgentService } from '../agent/agent.service';
import { CONDUIT_AGENT_RUN_ENQUEUER } from '../agent/agent.constants';
import type { DurableAgentRuns } from '../agent/runs/agent-run-options.types';
import { ConduitValidationError } from '../core/errors/conduit-validation.error';
import { AgentRunJobHandler } from './agent-run-job.handler';
import type { AgentRunJobData, AgentRunJobResult } from './agent-run-job.types';
import { AgentRunQueue } from './agent-run-queue';
import { loadNestBullmq, type NestBullmq } from './bullmq-packages';
import {
  CONDUIT_QUEUE_OPTIONS,
  DEFAULT_JOB_OPTIONS,
  DEFAULT_RUN_QUEUE_NAME,
  RUN_CANCEL_CHANNEL_PREFIX,
} from './queue.constants';
import type { ConduitQueueModuleOptions } from './queue-options.types';
import { openRedisConnection } from './redis-connection';
import { RunCancellations } from './run-cancellations';
import { validateQueueOptions } from './validate-queue-options';
import { workerSettings } from './worker-settings';

/** Token of the processor instance (its class is made per queue name, so it cannot be the token). */
const RUN_PROCESSOR = Symbol('CONDUIT_RUN_PROCESSOR');

/**
 * Background agent runs on BullMQ, from `nestjs-conduit/queue` (optional peers `bullmq` and
 * `@nestjs/bullmq`). Registers the queue, `AgentRunQueue` (enqueue, resume, cancel) and, unless
 * `processJobs: false`, a processor whose job `{ runId }` is `AgentService.continueRun(runId)`.
 * Needs durable runs on a shared store (`ConduitModule.forRoot({ runs: { store } })`, e.g.
 * `RedisAgentRunStore`) and `ConduitModule` global (`isGlobal: true`), since the processor
 * injects `AgentService`.
 *
 * @example
 * ```ts
 * @Module({
 *   imports: [
 *     ConduitModule.forRoot({ models, isGlobal: true, runs: { store, events } }),
 *     ConduitQueueModule.forRoot({ connection: { host: '127.0.0.1', port: 6379 }, concurrency: 4 }),
 *   ],
 * })
 * export class AppModule {}
 * ```
 */
@Module({})
export class ConduitQueueModule {
  /** The module for these options, checked now (a `ConduitValidationError` lists each problem). */
  static forRoot(options: ConduitQueueModuleOptions): DynamicModule {
    const checked = validateQueueOptions(options);
    const bull = loadNestBullmq();
    const name = checked.queueName ?? DEFAULT_RUN_QUEUE_NAME;
    const queueToken = bull.getQueueToken(name);
    const channel = `${RUN_CANCEL_CHANNEL_PREFIX}${name}`;
    const providers: Provider[] = [
      { provide: CONDUIT_QUEUE_OPTIONS, useValue: checked },
      {
        provide: RunCancellations,
        useFactory: () =>
          new RunCancellations(
            () => openRedisConnection(checked.connection),
            channel,
            checked.processJobs !== false,
          ),
      },
      {
        provide: AgentRunQueue,
        useFactory: (
          queue: Queue<AgentRunJobData>,
          runs: DurableAgentRuns,
          cancellations: RunCancellations,
        ) => new AgentRunQueue(queue, runs, cancellations),
        inject: [queueToken, AgentService, RunCancellations],
      },
      // AgentService.enqueue looks the queue up under this token (the agent floor cannot import it).
      { provide: CONDUIT_AGENT_RUN_ENQUEUER, useExisting: AgentRunQueue },
    ];
    if (checked.processJobs !== false) {
      const Processor = createRunProcessor(bull, name, checked);
      providers.push(
        {
          provide: AgentRunJobHandler,
          useFactory: (runs: DurableAgentRuns, cancellations: RunCancellations) =>
            new AgentRunJobHandler(runs, cancellations),
          inject: [AgentService, RunCancellations],
        },
        {
          provide: RUN_PROCESSOR,
          useFactory: (handler: AgentRunJobHandler) => new Processor(handler),
          inject: [AgentRunJobHandler],
        },
      );
    }
    return {
      module: ConduitQueueModule,
      imports: [
        bull.BullModule.registerQueue({
          name,
          connection: checked.connection,
          defaultJobOptions: { ...DEFAULT_JOB_OPTIONS, ...checked.jobOptions },
        }),
      ],
      providers,
      exports: [AgentRunQueue, CONDUIT_AGENT_RUN_ENQUEUER],
    };
  }
}

/** The `@Processor()` class of one queue (made here: the decorator takes the queue name). */
function createRunProcessor(
  bull: NestBullmq,
  name: string,
  options: ConduitQueueModuleOptions,
): new (handler: AgentRunJobHandler) => object {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional peer, loaded with @nestjs/bullmq
  const { UnrecoverableError } = require('bullmq') as typeof import('bullmq');
  class AgentRunProcessor extends bull.WorkerHost {
    constructor(private readonly handler: AgentRunJobHandler) {
      super();
    }

    async process(
      job: Job<unknown>,
      _token?: string,
      signal?: AbortSignal,
    ): Promise<AgentRunJobResult> {
      try {
        return await this.handler.handle(job.data, signal);
      } catch (error: unknown) {
        // A job nobody can ever run is not retried.
        if (error instanceof ConduitValidationError || isRunNotFound(error)) {
          throw new UnrecoverableError(error.message);
        }
        throw error;
      }
    }
  }
  bull.Processor({ name }, workerSettings(options))(AgentRunProcessor);
  return AgentRunProcessor;
}

function isRunNotFound(error: unknown): error is Error {
  return error instanceof Error && error.name === 'RunNotFoundError';
}
