import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { ConduitValidationError } from '../core/errors/conduit-validation.error';
import { isRecord } from '../core/is-record';
import { CheckpointConflictError } from '../flow/checkpoints/checkpoint-conflict.error';
import { GraphValidationError } from '../flow/graph/graph-errors';
import { loadNestBullmq, type NestBullmq } from './bullmq-packages';
import {
  DEFAULT_JOB_OPTIONS,
  DEFAULT_WORKFLOW_QUEUE_NAME,
  WORKFLOW_CANCEL_CHANNEL_PREFIX,
} from './queue.constants';
import { openRedisConnection } from './redis-connection';
import { RunCancellations } from './run-cancellations';
import { validateWorkflowQueueOptions } from './validate-workflow-queue-options';
import { workerSettings } from './worker-settings';
import { WorkflowJobHandler } from './workflow-job.handler';
import type { WorkflowJobData, WorkflowJobResult } from './workflow-job.types';
import { WorkflowQueue } from './workflow-queue';
import type { QueueableGraph, WorkflowQueueModuleOptions } from './workflow-queue-options.types';

/** Token of the processor instance (its class is made per queue name, so it cannot be the token). */
const WORKFLOW_PROCESSOR = Symbol('CONDUIT_WORKFLOW_PROCESSOR');

const DEFAULT_CLAIM_RETRY_DELAY_MS = 1_000;

/**
 * Background graph runs on BullMQ, from `nestjs-conduit/queue` (optional peers `bullmq` and
 * `@nestjs/bullmq`). Registers the queue, `WorkflowQueue` (enqueue, getStatus, cancel, resume) and, unless
 * `processJobs: false`, a processor that runs the named graph on the job's thread and aborts it when
 * `WorkflowQueue.cancel()` is called on any replica (a Redis pub/sub channel). Graphs are code:
 * every replica registers the same `graphs`, each compiled with one shared checkpoint store. It
 * needs no `ConduitModule` (a graph's nodes bring their own dependencies).
 *
 * @example
 * ```ts
 * const checkpointStore = new RedisCheckpointStore({ client: new Redis() });
 * const research = new StateGraph<ResearchState>()
 *   .addNode('search', search)
 *   .addNode('write', write)
 *   .addEdge(START, 'search')
 *   .addEdge('search', 'write')
 *   .addEdge('write', END)
 *   .compile({ checkpointStore });
 *
 * @Module({
 *   imports: [
 *     ConduitWorkflowQueueModule.forRoot({
 *       connection: { host: '127.0.0.1', port: 6379 },
 *       graphs: { research },
 *     }),
 *   ],
 * })
 * export class AppModule {}
 * ```
 */
@Module({})
export class ConduitWorkflowQueueModule {
  /** The module for these options, checked now (a `ConduitValidationError` lists each problem). */
  static forRoot(options: WorkflowQueueModuleOptions): DynamicModule {
    const checked = validateWorkflowQueueOptions(options);
    const bull = loadNestBullmq();
    const name = checked.queueName ?? DEFAULT_WORKFLOW_QUEUE_NAME;
    const graphs = new Map<string, QueueableGraph>(Object.entries(checked.graphs));
    const queueToken = bull.getQueueToken(name);
    const providers: Provider[] = [
      {
        provide: RunCancellations,
        useFactory: () =>
          new RunCancellations(
            () => openRedisConnection(checked.connection),
            `${WORKFLOW_CANCEL_CHANNEL_PREFIX}${name}`,
            checked.processJobs !== false,
            'WorkflowQueue',
          ),
      },
      {
        provide: WorkflowQueue,
        useFactory: (queue: Queue<WorkflowJobData>, cancellations: RunCancellations) =>
          new WorkflowQueue(queue, graphs, cancellations),
        inject: [queueToken, RunCancellations],
      },
    ];
    if (checked.processJobs !== false) {
      const Processor = createWorkflowProcessor(bull, name, checked);
      const handler = new WorkflowJobHandler(graphs);
      providers.push({
        provide: WORKFLOW_PROCESSOR,
        useFactory: (queue: Queue<WorkflowJobData>, cancellations: RunCancellations) =>
          new Processor(handler, cancellations, queue),
        inject: [queueToken, RunCancellations],
      });
    }
    return {
      module: ConduitWorkflowQueueModule,
      imports: [
        bull.BullModule.registerQueue({
          name,
          connection: checked.connection,
          defaultJobOptions: { ...DEFAULT_JOB_OPTIONS, ...checked.jobOptions },
        }),
      ],
      providers,
      exports: [WorkflowQueue],
    };
  }
}

/** The `@Processor()` class of one workflow queue (made here: the decorator takes the queue name). */
function createWorkflowProcessor(
  bull: NestBullmq,
  name: string,
  options: WorkflowQueueModuleOptions,
): new (
  handler: WorkflowJobHandler,
  cancellations: RunCancellations,
  queue: Queue<WorkflowJobData>,
) => object {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional peer, loaded with @nestjs/bullmq
  const { DelayedError, UnrecoverableError } = require('bullmq') as typeof import('bullmq');
  const claimRetryDelayMs = options.claimRetryDelayMs ?? DEFAULT_CLAIM_RETRY_DELAY_MS;
  class WorkflowProcessor extends bull.WorkerHost {
    constructor(
      private readonly handler: WorkflowJobHandler,
      private readonly cancellations: RunCancellations,
      private readonly queue: Queue<WorkflowJobData>,
    ) {
      super();
    }

    async process(
      job: Job<unknown>,
      token?: string,
      signal?: AbortSignal,
    ): Promise<WorkflowJobResult> {
      // A job without a thread id is refused by the handler's check below.
      const threadId =
        isRecord(job.data) && typeof job.data.threadId === 'string' ? job.data.threadId : undefined;
      const watched = threadId === undefined ? undefined : this.cancellations.watch(threadId);
      try {
        // Watching first, then reading the flag: a cancel saved before this read is seen here, and
        // one saved after it publishes to a watch already in place. The data fetched with the job
        // may predate the cancel, so Redis is asked again unless it already says cancelled.
        if (threadId !== undefined && (await this.cancelledBeforeStart(job))) {
          throw new UnrecoverableError(cancelledReason(threadId));
        }
        const signals = [watched?.signal, signal].filter((s): s is AbortSignal => s !== undefined);
        return await this.handler.handle(
          job.data,
          signals.length === 0 ? undefined : AbortSignal.any(signals),
        );
      } catch (error: unknown) {
        // Aborted by WorkflowQueue.cancel(): failed for good, resumed only by WorkflowQueue.resume().
        if (threadId !== undefined && watched?.cancelled === true) {
          throw new UnrecoverableError(cancelledReason(threadId));
        }
        // A job nobody can ever run is not retried.
        if (error instanceof ConduitValidationError || error instanceof GraphValidationError) {
          throw new UnrecoverableError(error.message);
        }
        // Another run holds the thread: the run of a worker that died keeps its claim until the
        // store's leaseMs passes. Wait and look again, without spending an attempt.
        if (error instanceof CheckpointConflictError && token !== undefined) {
          await job.moveToDelayed(Date.now() + claimRetryDelayMs, token);
          throw new DelayedError();
        }
        throw error;
      } finally {
        watched?.dispose();
      }
    }

    /** Whether the job was cancelled before this worker started it (its data says so). */
    private async cancelledBeforeStart(job: Job<unknown>): Promise<boolean> {
      if (isRecord(job.data) && job.data.cancelled === true) return true;
      if (job.id === undefined) return false;
      const stored = await this.queue.getJob(job.id);
      return stored?.data.cancelled === true;
    }
  }
  bull.Processor({ name }, workerSettings(options))(WorkflowProcessor);
  return WorkflowProcessor;
}

/** The failed reason BullMQ keeps for a cancelled run. */
function cancelledReason(threadId: string): string {
  return `The graph run of thread ${JSON.stringify(threadId)} was cancelled with WorkflowQueue.cancel(); WorkflowQueue.resume() continues it.`;
}
