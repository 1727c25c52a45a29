import { ConduitValidationError } from '../core/errors/conduit-validation.error';
import { checkJobData } from './agent-run-job.handler';
import { validateQueueOptions } from './validate-queue-options';

describe('validateQueueOptions', () => {
  it('accepts ioredis options with the optional settings', () => {
    const options = {
      connection: { host: '127.0.0.1', port: 6379 },
      queueName: 'research-runs',
      concurrency: 4,
      worker: { lockDuration: 2_000, stalledInterval: 1_000, maxStalledCount: 0 },
      jobOptions: { attempts: 5 },
      processJobs: false,
    };
    expect(validateQueueOptions(options)).toBe(options);
  });

  it('lists every problem in one ConduitValidationError', () => {
    let caught: unknown;
    try {
      validateQueueOptions({
        queueName: 'a:b',
        concurrency: 0,
        worker: { lockDuration: -1, maxStalledCount: 1.5 },
        processJobs: 'yes',
      });
    } catch (error: unknown) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConduitValidationError);
    expect((caught as ConduitValidationError).issues.map((issue) => issue.path)).toEqual([
      'connection',
      'queueName',
      'concurrency',
      'processJobs',
      'worker.lockDuration',
      'worker.maxStalledCount',
    ]);
  });
});

describe('checkJobData', () => {
  it('takes { runId } and { runId, approvals }', () => {
    expect(checkJobData({ runId: 'r1' })).toEqual({ runId: 'r1' });
    expect(checkJobData({ runId: 'r1', approvals: { c1: true } })).toEqual({
      runId: 'r1',
      approvals: { c1: true },
    });
  });

  it('refuses a job without a run id or with approvals that are not booleans', () => {
    expect(() => checkJobData({})).toThrow(/runId/);
    expect(() => checkJobData({ runId: 'r1', approvals: { c1: 'yes' } })).toThrow(/approvals/);
    expect(() => checkJobData('r1')).toThrow(ConduitValidationError);
  });
});
