import { of, timer, map, EMPTY } from 'rxjs';
import { AbortedError, ServerError } from '../../core';
import { Pipeline } from './pipeline';
import { PipelineStepError } from './pipeline-step.error';

describe('Pipeline', () => {
  it("feeds each step's output to the next: values, promises and Observables", async () => {
    const steps: string[] = [];
    const pipeline = Pipeline.start<string>()
      .pipe('trim', (text) => text.trim())
      .pipe('length', async (text) => text.length)
      .pipe('double', (n) => of(n, n * 2)) // the last value counts
      .pipe(function label(n) {
        return `n=${n}`;
      });
    expect(pipeline.stepNames).toEqual(['trim', 'length', 'double', 'label']);
    const result = await pipeline.run('  hello ', { onStep: ({ name }) => steps.push(name) });
    expect(result).toBe('n=10');
    expect(steps).toEqual(['trim', 'length', 'double', 'label']);
  });

  it('names anonymous steps by position and composes pipelines with concat', async () => {
    const first = Pipeline.start<number>().pipe((n) => n + 1);
    const second = Pipeline.start<number>().pipe((n) => n * 10);
    const both = first.concat(second);
    expect(both.stepNames).toEqual(['step 1', 'step 1']);
    expect(await both.run(1)).toBe(20);
    expect(await first.run(1)).toBe(2); // pipelines are immutable
  });

  it('rejects with the failing step named and the original error as cause', async () => {
    const cause = new ServerError('boom', { provider: 'mock', status: 503 });
    const ran: string[] = [];
    const pipeline = Pipeline.start<number>()
      .pipe('ok', (n) => (ran.push('ok'), n))
      .pipe('fails', () => Promise.reject(cause))
      .pipe('never', (n) => (ran.push('never'), n));
    const error = await pipeline.run(1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PipelineStepError);
    expect(error).toMatchObject({
      step: 'fails',
      stepIndex: 1,
      stepPath: ['fails'],
      cause,
      isRetryable: true,
    });
    expect((error as Error).message).toBe('Pipeline step "fails" failed: boom');
    expect(ran).toEqual(['ok']);
  });

  it('names the path of a failure inside a nested pipeline', async () => {
    const inner = Pipeline.start<number>().pipe('divide', () => {
      throw new Error('division by zero');
    });
    const outer = Pipeline.start<number>().pipe('compute', inner.asStep());
    await expect(outer.run(1)).rejects.toMatchObject({
      stepPath: ['compute', 'divide'],
      step: 'divide',
    });
  });

  it('fails a step whose Observable completes without a value', async () => {
    const pipeline = Pipeline.start<number>().pipe('empty', () => EMPTY);
    await expect(pipeline.run(1)).rejects.toMatchObject({ step: 'empty' });
  });

  it('stops at the next step when aborted and passes the signal to steps', async () => {
    jest.useFakeTimers();
    try {
      const controller = new AbortController();
      let seen: AbortSignal | undefined;
      let afterRan = false;
      const pipeline = Pipeline.start<number>()
        .pipe('slow', (n, { signal }) => ((seen = signal), timer(1000).pipe(map(() => n))))
        .pipe('after', () => {
          afterRan = true;
          return 'should not run';
        });
      const run = pipeline.run(1, { signal: controller.signal });
      controller.abort(new AbortedError('stop'));
      jest.advanceTimersByTime(1000);
      await expect(run).rejects.toThrow(AbortedError);
      expect(seen?.aborted).toBe(true);
      expect(afterRan).toBe(false);
    } finally {
      jest.useRealTimers();
    }
  });
});
