import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describeEval } from './describe-eval';
import { EvalFailedError } from './eval-failed.error';
import { exactMatch } from './scorers/text.scorers';

interface Registered {
  readonly suite: string;
  readonly name: string;
  readonly body: () => Promise<void>;
  readonly timeoutMs: number | undefined;
}

/**
 * describeEval with stand-ins for Jest's describe/it, so the registered test body runs here
 * (test/evals/describe-eval.e2e-spec.ts proves the same in a real child Jest run).
 */
function register(define: () => void): Registered[] {
  const scope = globalThis as unknown as Record<'describe' | 'it', unknown>;
  const saved = { describe: scope.describe, it: scope.it };
  const registered: Registered[] = [];
  let suite = '';
  scope.describe = (name: string, body: () => void) => {
    suite = name;
    body();
  };
  scope.it = (name: string, body: () => Promise<void>, timeoutMs?: number) => {
    registered.push({ suite, name, body, timeoutMs });
  };
  try {
    define();
  } finally {
    Object.assign(scope, saved);
  }
  return registered;
}

const data = [
  { input: 'a', expected: 'a' },
  { input: 'b', expected: 'B' },
];

describe('describeEval', () => {
  it('registers one test per eval with a timeout covering every try of every case', () => {
    const [test, ...rest] = register(() =>
      describeEval('echo', {
        data,
        task: (x: string) => x,
        scorers: [exactMatch()],
        threshold: 0.5,
        concurrency: 1,
        timeoutMs: 1000,
        retries: 1,
        report: false,
      }),
    );
    expect(rest).toEqual([]);
    expect(test).toMatchObject({ suite: 'eval: echo', name: 'scores at least 0.5' });
    // 60 s to build the module + 2 rounds x 2 tries x (1 s + 30 s for waits and scorers).
    expect(test?.timeoutMs).toBe(60_000 + 2 * 2 * 31_000);
  });

  it('passes at the threshold and prints one summary line', async () => {
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const [test] = register(() =>
      describeEval('echo', {
        data,
        task: (x: string) => x,
        scorers: [exactMatch()],
        threshold: 0.5,
        report: false,
      }),
    );
    await expect(test?.body()).resolves.toBeUndefined();
    expect(write).toHaveBeenCalledWith(
      expect.stringMatching(
        /^eval "echo": PASS 0\.500 \(threshold 0\.5; 2 cases; exactMatch 0\.50; \d+ ms\)\n$/,
      ),
    );
  });

  it('throws EvalFailedError below the threshold, naming the lowest case and its reason', async () => {
    jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const [test] = register(() =>
      describeEval('echo', {
        data,
        task: (x: string) => x,
        scorers: [exactMatch()],
        threshold: 0.9,
        report: { silent: true, dir: path.join(tmpdir(), 'conduit-describe-eval-spec') },
      }),
    );
    const error = await test?.body().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EvalFailedError);
    expect((error as EvalFailedError).report.score).toBe(0.5);
    expect((error as EvalFailedError).message).toContain(
      '#1 b (score 0.00)\n      exactMatch: expected "B", got "b"',
    );
    expect(process.stdout.write).not.toHaveBeenCalled();
  });
});
