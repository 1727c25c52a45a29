import type { ConnectionOptions, DefaultJobOptions } from 'bullmq';

/**
 * Worker settings passed to BullMQ's `Worker` (see its docs). The stalled-job settings decide how
 * soon a run whose worker died (SIGKILL, OOM, a lost node) is handed to another worker.
 */
export interface RunWorkerOptions {
  /** How long a worker holds a job's lock without renewing it, ms. BullMQ default 30,000. */
  readonly lockDuration?: number;
  /** How often workers look for jobs whose lock expired, ms. BullMQ default 30,000. */
  readonly stalledInterval?: number;
  /** How many times a job may stall before it fails instead of being retried. BullMQ default 1. */
  readonly maxStalledCount?: number;
}

/**
 * Options of `ConduitQueueModule.forRoot()`.
 *
 * @example
 * ConduitQueueModule.forRoot({
 *   connection: { host: '127.0.0.1', port: 6379 },
 *   concurrency: 4,
 *   jobOptions: { attempts: 3, backoff: { type: 'exponential', delay: 1_000 } },
 * });
 */
export interface ConduitQueueModuleOptions {
  /**
   * The Redis connection of the queue, its workers and the cancel channel: ioredis options
   * (`{ host, port }`, with `maxRetriesPerRequest: null` added for the workers by BullMQ) or a
   * connected ioredis client.
   */
  readonly connection: ConnectionOptions;
  /** The BullMQ queue name. Default `conduit-agent-runs`. */
  readonly queueName?: string;
  /** Runs one worker of this process drives at once. Default 1. */
  readonly concurrency?: number;
  /**
   * BullMQ job options of every run job (`attempts`, `backoff`, `removeOnComplete`...). A failed
   * attempt is retried with `continueRun`, which continues from the saved state. Default:
   * `{ attempts: 3, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: 1000,
   * removeOnFail: 5000 }`.
   */
  readonly jobOptions?: DefaultJobOptions;
  /** Stalled-job recovery and locks of the workers. */
  readonly worker?: RunWorkerOptions;
  /**
   * Whether this process runs jobs. Default `true`; `false` for replicas that only enqueue and
   * cancel (e.g. an HTTP tier separate from the workers).
   */
  readonly processJobs?: boolean;
}
