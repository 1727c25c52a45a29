import type { ConduitQueueModuleOptions, RunWorkerOptions } from './queue-options.types';

/** What a queue's `@Processor()` gives BullMQ's `Worker`: its concurrency and stalled-job settings. */
export interface WorkerSettings extends RunWorkerOptions {
  readonly concurrency: number;
}

/**
 * The worker settings of a queue module's options. A stalled-job setting the user left out is left
 * out here too, rather than passed as `undefined`, so that BullMQ keeps its own default for it.
 */
export function workerSettings(
  options: Pick<ConduitQueueModuleOptions, 'concurrency' | 'worker'>,
): WorkerSettings {
  const worker = options.worker;
  return {
    concurrency: options.concurrency ?? 1,
    ...(worker?.lockDuration === undefined ? {} : { lockDuration: worker.lockDuration }),
    ...(worker?.stalledInterval === undefined ? {} : { stalledInterval: worker.stalledInterval }),
    ...(worker?.maxStalledCount === undefined ? {} : { maxStalledCount: worker.maxStalledCount }),
  };
}
