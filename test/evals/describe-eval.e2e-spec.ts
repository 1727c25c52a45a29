import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ConduitError, ConduitValidationError } from 'nestjs-conduit';
import { describeEval, exactMatch } from 'nestjs-conduit/testing';

const REPO = path.resolve(__dirname, '../..');
const FIXTURE = 'test/evals/fixtures/capitals.eval.ts';

interface ChildRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The repository's Jest config, narrowed to the fixture (whose name the main run never picks up). */
function runJest(args: readonly string[], env: NodeJS.ProcessEnv): Promise<ChildRun> {
  const bin = path.join(REPO, 'node_modules/jest/bin/jest.js');
  const argv = [bin, '--config', 'jest.config.js', '--roots', '<rootDir>/test/evals/fixtures'];
  argv.push('--testRegex', '\\.eval\\.ts$', '--coverage=false', ...args);
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      argv,
      { cwd: REPO, env: { ...process.env, ...env } },
      (error, stdout, stderr) => {
        resolve({
          code: error === null ? 0 : typeof error.code === 'number' ? error.code : null,
          stdout,
          stderr,
        });
      },
    );
  });
}

// A child Jest compiles the fixture and Nest with swc: seconds.
jest.setTimeout(90_000);

describe('describeEval in a real Jest run (child process)', () => {
  let dir: string;
  let run: ChildRun;
  let results: {
    numPassedTests: number;
    numFailedTests: number;
    testResults: {
      assertionResults: { fullName: string; status: string; failureMessages: string[] }[];
    }[];
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'conduit-describe-eval-'));
    const output = path.join(dir, 'results.json');
    run = await runJest(['--json', '--outputFile', output, FIXTURE], {
      CONDUIT_EVAL_DIR: path.join(dir, 'reports'),
    });
    results = JSON.parse(readFileSync(output, 'utf8'));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('fails the Jest run (exit code 1) because one eval scores below its threshold', () => {
    expect(run.code).toBe(1);
    expect(results.numPassedTests).toBe(1);
    expect(results.numFailedTests).toBe(1);
  });

  it('registers one test per eval, passing at 0.7 and failing at 0.9 with the reasons', () => {
    const tests = results.testResults.flatMap((file) => file.assertionResults);
    expect(tests.map((t) => [t.fullName, t.status])).toEqual([
      ['eval: capitals at 0.7 scores at least 0.7', 'passed'],
      ['eval: capitals at 0.9 scores at least 0.9', 'failed'],
    ]);
    const message = tests[1]?.failureMessages.join('\n') ?? '';
    expect(message).toContain(
      'EvalFailedError: Eval "capitals at 0.9" failed: mean score 0.750 (threshold 0.9).',
    );
    expect(message).toContain('- mean score 0.750 is below the threshold 0.9');
    expect(message).toContain('#3 Spain (score 0.00)');
    expect(message).toContain('exactMatch: expected "Madrid", got "Barcelona"');
  });

  it('prints one summary line per eval', () => {
    const lines = run.stdout.split('\n').filter((line) => line.startsWith('eval "'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^eval "capitals at 0\.7": PASS 0\.750 \(threshold 0\.7; 4 cases; exactMatch 0\.75; \d+ ms\) -> .*capitals-at-0-7\.md$/,
    );
    expect(lines[1]).toMatch(/^eval "capitals at 0\.9": FAIL 0\.750 /);
  });

  it('writes the JSON and Markdown reports of both evals under CONDUIT_EVAL_DIR', () => {
    const report = JSON.parse(
      readFileSync(path.join(dir, 'reports', 'capitals-at-0-9.json'), 'utf8'),
    );
    expect(report).toMatchObject({ name: 'capitals at 0.9', passed: false, score: 0.75 });
    expect(readFileSync(path.join(dir, 'reports', 'capitals-at-0-7.md'), 'utf8')).toContain(
      'PASSED: mean score 0.750',
    );
  });
});

describe('describeEval in this process', () => {
  it('rejects a malformed eval when the file is collected, listing every problem', () => {
    const define = (): void =>
      describeEval('bad', {
        data: [],
        task: () => 1,
        scorers: [exactMatch()],
        threshold: -1,
      });
    expect(define).toThrow(ConduitValidationError);
    expect(define).toThrow('threshold: must be a number from 0 to 1');
  });

  it("says what to do when Jest's globals are missing (imported outside Jest)", () => {
    const scope = globalThis as { describe?: unknown };
    const saved = scope.describe;
    delete scope.describe;
    try {
      expect(() =>
        describeEval('x', {
          data: [{ input: 1 }],
          task: (x) => x,
          scorers: [exactMatch()],
          threshold: 1,
        }),
      ).toThrow(
        new ConduitError(
          "describeEval() registers Jest tests and needs Jest's globals (describe, it): call it at the top of a Jest test file. Outside Jest, use runEval(name, options), which returns the report.",
        ),
      );
    } finally {
      scope.describe = saved;
    }
  });
});
