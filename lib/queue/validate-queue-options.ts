import {
  ConduitValidationError,
  type ValidationIssue,
} from '../core/errors/conduit-validation.error';
import type { ConduitQueueModuleOptions } from './queue-options.types';

const positiveInteger = (value: unknown): boolean =>
  typeof value === 'number' && Number.isInteger(value) && value > 0;

/**
 * Checks `ConduitQueueModule.forRoot()` options once, listing every problem in one error. The
 * workflow queue module passes its own `title` and the problems it found in its own options.
 */
export function validateQueueOptions(
  options: unknown,
  title = 'Invalid ConduitQueueModule options',
  found: readonly ValidationIssue[] = [],
): ConduitQueueModuleOptions {
  const issues: ValidationIssue[] = [...found];
  if (typeof options !== 'object' || options === null) {
    throw new ConduitValidationError(
      [{ path: '', message: 'must be an object { connection, queueName?, concurrency?, ... }' }],
      title,
    );
  }
  const o = options as Record<string, unknown>;
  if (typeof o.connection !== 'object' || o.connection === null) {
    issues.push({
      path: 'connection',
      message: 'must be ioredis options ({ host, port }) or an ioredis client',
    });
  }
  if (
    o.queueName !== undefined &&
    (typeof o.queueName !== 'string' || !/^[\w.-]{1,100}$/.test(o.queueName))
  ) {
    issues.push({
      path: 'queueName',
      message: 'must be 1-100 letters, digits, "_", "." or "-" (BullMQ refuses ":")',
    });
  }
  if (o.concurrency !== undefined && !positiveInteger(o.concurrency)) {
    issues.push({ path: 'concurrency', message: 'must be a positive integer' });
  }
  if (o.processJobs !== undefined && typeof o.processJobs !== 'boolean') {
    issues.push({ path: 'processJobs', message: 'must be true or false' });
  }
  const worker = o.worker;
  if (worker !== undefined) {
    if (typeof worker !== 'object' || worker === null) {
      issues.push({ path: 'worker', message: 'must be an object' });
    } else {
      for (const key of ['lockDuration', 'stalledInterval', 'maxStalledCount'] as const) {
        const value = (worker as Record<string, unknown>)[key];
        if (
          value !== undefined &&
          !(key === 'maxStalledCount'
            ? typeof value === 'number' && Number.isInteger(value) && value >= 0
            : positiveInteger(value))
        ) {
          issues.push({
            path: `worker.${key}`,
            message:
              key === 'maxStalledCount'
                ? 'must be an integer >= 0'
                : 'must be a positive integer (ms)',
          });
        }
      }
    }
  }
  if (o.jobOptions !== undefined && (typeof o.jobOptions !== 'object' || o.jobOptions === null)) {
    issues.push({ path: 'jobOptions', message: 'must be BullMQ job options (an object)' });
  }
  if (issues.length > 0) {
    throw new ConduitValidationError(issues, title);
  }
  return options as ConduitQueueModuleOptions;
}
