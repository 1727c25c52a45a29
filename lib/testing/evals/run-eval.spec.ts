import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Injectable } from '@nestjs/common';
import { ChatService } from '../../chat/chat.service';
import { ConduitValidationError, TimeoutError } from '../../core';
import { CostTracker } from '../../interceptors/built-in/cost-tracker.service';
import { CostTrackingInterceptor } from '../../interceptors/built-in/cost-tracking.interceptor';
import { createConduitTestingModule } from '../create-conduit-testing-module';
import { MockChatModel } from '../mock-chat-model';
import { MockResponses } from '../mock-responses';
import type { EvalOptions } from './eval.types';
import { runEval } from './run-eval';
import { cost } from './scorers/budget.scorers';
import { defineScorer } from './scorers/define-scorer';
import { exactMatch } from './scorers/text.scorers';

/** The service under evaluation, as an app would write it. */
@Injectable()
class CapitalService {
  constructor(private readonly chat: ChatService) {}

  async capital(country: string, signal?: AbortSignal): Promise<string> {
    return (await this.chat.chat(`Capital of ${country}?`, signal ? { signal } : {})).text;
  }
}

const CAPITALS = { France: 'Paris', Italy: 'Rome', Norway: 'Oslo', Spain: 'Madrid' };
const DATA = Object.entries(CAPITALS).map(([input, expected]) => ({ input, expected }));

/** Answers right for every country but Spain: exactMatch must score exactly 0.75. */
function capitalModel(): MockChatModel {
  return new MockChatModel({
    respond: (request) => {
      const text = JSON.stringify(request.messages);
      const found = Object.entries(CAPITALS).find(([country]) => text.includes(country));
      return found?.[0] === 'Spain' ? 'Barcelona' : (found?.[1] ?? '?');
    },
  });
}

function capitalEval(
  overrides: Partial<EvalOptions<string, string, string>> = {},
): EvalOptions<string, string, string> {
  return {
    module: () =>
      createConduitTestingModule({
        models: { default: capitalModel() },
        providers: [CapitalService],
      }),
    data: DATA,
    task: (country, { get, signal }) => get(CapitalService).capital(country, signal),
    scorers: [exactMatch()],
    threshold: 0.7,
    report: false,
    ...overrides,
  };
}

describe('runEval', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'conduit-evals-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    delete process.env.CONDUIT_EVAL_UPDATE_BASELINE;
  });

  it('scores a mocked model with the known mean (3 of 4 right: 0.75) and passes at 0.7', async () => {
    const report = await runEval('capitals', capitalEval());

    expect(report.score).toBe(0.75);
    expect(report.passed).toBe(true);
    expect(report.failures).toEqual([]);
    expect(report.scorers).toEqual([{ name: 'exactMatch', mean: 0.75, passed: 3 }]);
    expect(report.cases.map((c) => c.score)).toEqual([1, 1, 1, 0]);
    expect(report.cases[3]?.scores.exactMatch).toEqual({
      score: 0,
      pass: false,
      reason: 'expected "Madrid", got "Barcelona"',
    });
  });

  it('fails below the threshold, and when a scorer is below its own threshold', async () => {
    const low = await runEval('capitals', capitalEval({ threshold: 0.8 }));
    expect(low.passed).toBe(false);
    expect(low.failures).toEqual(['mean score 0.750 is below the threshold 0.8']);

    const own = await runEval(
      'capitals',
      capitalEval({
        threshold: 0.5,
        scorers: [{ scorer: exactMatch(), name: 'exact', threshold: 0.9 }],
      }),
    );
    expect(own.passed).toBe(false);
    expect(own.failures).toEqual(['exact: mean 0.750 is below its threshold 0.9']);
  });

  it('runs at most `concurrency` cases at a time and keeps the report in data order', async () => {
    let running = 0;
    let most = 0;
    const report = await runEval('pool', {
      data: Array.from({ length: 9 }, (_, i) => ({ input: i, expected: String(i) })),
      task: async (i) => {
        running++;
        most = Math.max(most, running);
        for (let k = 0; k < 9 - i; k++) await new Promise((resolve) => setImmediate(resolve));
        running--;
        return String(i);
      },
      scorers: [exactMatch()],
      threshold: 1,
      concurrency: 3,
      report: false,
    });
    expect(most).toBe(3);
    expect(report.cases.map((c) => c.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(report.score).toBe(1);
  });

  it('retries a flaky model call (retryable ConduitError) and scores the answer', async () => {
    const model = new MockChatModel({
      responses: [MockResponses.rateLimited(), MockResponses.serverError(503), 'Paris'],
    });
    const report = await runEval('flaky', {
      module: createConduitTestingModule({
        models: { default: model },
        providers: [CapitalService],
      }),
      data: [{ input: 'France', expected: 'Paris' }],
      task: (country, { get }) => get(CapitalService).capital(country),
      scorers: [exactMatch()],
      threshold: 1,
      retries: 2,
      retryDelayMs: 0,
      report: false,
    });
    expect(report.cases[0]).toMatchObject({ attempts: 3, score: 1 });
    expect(model.calls).toBe(3);
  });

  it('does not retry a failure that is not retryable, and a failed case scores 0', async () => {
    const model = new MockChatModel({ responses: [MockResponses.authenticationFailed(), 'Paris'] });
    const report = await runEval('auth', {
      module: createConduitTestingModule({
        models: { default: model },
        providers: [CapitalService],
      }),
      data: [{ input: 'France', expected: 'Paris' }],
      task: (country, { get }) => get(CapitalService).capital(country),
      scorers: [exactMatch()],
      threshold: 1,
      retryDelayMs: 0,
      report: false,
    });
    expect(model.calls).toBe(1);
    expect(report.cases[0]).toMatchObject({ attempts: 1, score: 0 });
    expect(report.cases[0]?.error).toMatch(/^AuthenticationError: /);
    expect(report.passed).toBe(false);
  });

  it('stops retrying after `retries` and reports the last error', async () => {
    const model = new MockChatModel({ respond: () => MockResponses.serverError(502) });
    const report = await runEval('down', {
      module: createConduitTestingModule({
        models: { default: model },
        providers: [CapitalService],
      }),
      data: [{ input: 'France', expected: 'Paris' }],
      task: (country, { get }) => get(CapitalService).capital(country),
      scorers: [exactMatch()],
      threshold: 1,
      retries: 1,
      retryDelayMs: 0,
      report: false,
    });
    expect(model.calls).toBe(2);
    expect(report.cases[0]).toMatchObject({ attempts: 2, score: 0 });
    expect(report.cases[0]?.error).toMatch(/^ServerError: /);
  });

  describe('per-case timeouts', () => {
    beforeEach(() => {
      jest.useFakeTimers();
    });

    afterEach(() => {
      jest.useRealTimers();
    });

    it('aborts the task signal at timeoutMs, fails the case with TimeoutError and does not retry it', async () => {
      const signals: AbortSignal[] = [];
      let calls = 0;
      const running = runEval('slow', {
        data: [
          { input: 'stuck', expected: 'x' },
          { input: 'fast', expected: 'fast' },
        ],
        task: (input, { signal }) => {
          calls++;
          signals.push(signal);
          // The stuck case ignores its signal: the runner must still end it at the deadline.
          return input === 'fast' ? 'fast' : new Promise<string>(() => undefined);
        },
        scorers: [exactMatch()],
        threshold: 0.5,
        timeoutMs: 1000,
        retries: 2,
        report: false,
      });
      await jest.advanceTimersByTimeAsync(1000);
      const report = await running;

      expect(calls).toBe(2);
      expect(signals[0]?.aborted).toBe(true);
      expect(signals[0]?.reason).toBeInstanceOf(TimeoutError);
      expect(report.cases[0]).toMatchObject({ attempts: 1, score: 0 });
      expect(report.cases[0]?.error).toBe(
        'TimeoutError: Eval case #0 did not finish within 1000 ms (timeoutMs).',
      );
      expect(report.cases[1]?.score).toBe(1);
      expect(report.score).toBe(0.5);
    });

    it('cancels the model call through the signal (MockChatModel counts it)', async () => {
      const model = new MockChatModel({
        responses: [MockResponses.text('Paris', { delayMs: 5000 })],
      });
      const running = runEval('slow model', {
        module: createConduitTestingModule({
          models: { default: model },
          providers: [CapitalService],
        }),
        data: [{ input: 'France', expected: 'Paris' }],
        task: (country, { get, signal }) => get(CapitalService).capital(country, signal),
        scorers: [exactMatch()],
        threshold: 1,
        timeoutMs: 100,
        report: false,
      });
      await jest.advanceTimersByTimeAsync(200);
      const report = await running;
      expect(report.cases[0]?.error).toMatch(/^TimeoutError: Eval case #0/);
      expect(model.cancelledCalls).toBe(1);
    });
  });

  it('gives each case the cost of its own model calls from the CostTracker, even concurrently', async () => {
    const tracker = new CostTracker();
    const model = new MockChatModel({
      respond: (request) =>
        JSON.stringify(request.messages).includes('long') ? 'x'.repeat(4000) : 'ok',
    });
    const report = await runEval('costs', {
      module: createConduitTestingModule({
        models: { default: model },
        interceptors: [
          new CostTrackingInterceptor({
            tracker,
            prices: { 'mock-model': { inputPerMillion: 1_000_000, outputPerMillion: 1_000_000 } },
          }),
        ],
        providers: [CapitalService],
      }),
      costTracker: tracker,
      data: [{ input: 'long' }, { input: 'short' }, { input: 'short' }],
      task: (input, { get }) => get(CapitalService).capital(input),
      scorers: [cost({ maxUsd: 100 })],
      threshold: 0.5,
      concurrency: 3,
      report: false,
    });
    const [long, short] = report.cases;
    expect(long?.costUsd).toBeGreaterThan(1000);
    expect(short?.costUsd).toBeLessThan(20);
    expect(report.cases.reduce((sum, c) => sum + (c.costUsd ?? 0), 0)).toBeCloseTo(
      tracker.spentUsd(),
      6,
    );
    expect(long?.scores.cost).toMatchObject({
      pass: false,
      reason: expect.stringMatching(/^cost \$1\.0\de\+3, budget \$100$/),
    });
    expect(short?.scores.cost).toEqual({ score: 1, pass: true });
    // The tracker is put back as it was after the run.
    expect(Object.prototype.hasOwnProperty.call(tracker, 'record')).toBe(false);
  });

  it("finds the module's CostTracker by itself, and says so when there is none", async () => {
    const withModule = await runEval('costs', capitalEval({ scorers: [cost({ maxUsd: 1 })] }));
    expect(withModule.cases[0]?.costUsd).toBe(0); // no CostTrackingInterceptor: nothing recorded
    expect(withModule.notes).toEqual([]);

    const without = await runEval('no module', {
      data: [{ input: 'a' }],
      task: (input) => input,
      scorers: [cost({ maxUsd: 1 })],
      threshold: 0,
      report: false,
    });
    expect(without.notes).toEqual(['no CostTracker found: cost budgets cannot be checked']);
    expect(without.cases[0]?.scores.cost?.reason).toMatch(/^no CostTracker/);
  });

  it('counts a scorer that throws or returns no 0..1 score as 0, with the reason', async () => {
    const report = await runEval('broken scorers', {
      data: [{ input: 'a' }],
      task: (input) => input,
      scorers: [
        defineScorer('throws', () => {
          throw new Error('boom');
        }),
        defineScorer('too high', () => ({ score: 1.5 })),
        () => ({ score: 1 }),
      ],
      threshold: 0.5,
      report: false,
    });
    expect(report.cases[0]?.scores).toEqual({
      throws: { score: 0, pass: false, reason: 'the scorer failed: Error: boom' },
      'too high': {
        score: 0,
        pass: false,
        reason: 'the scorer returned {"score":1.5}: expected { score: 0..1 }',
      },
      scorer3: { score: 1, pass: true },
    });
    expect(report.score).toBeCloseTo(1 / 3);
    expect(report.passed).toBe(false);
  });

  it('writes a JSON report and a Markdown table under report.dir', async () => {
    const report = await runEval('Capitals: exact', capitalEval({ report: { dir } }));

    expect(report.files).toEqual({
      json: path.join(dir, 'capitals-exact.json'),
      markdown: path.join(dir, 'capitals-exact.md'),
    });
    const json = JSON.parse(readFileSync(path.join(dir, 'capitals-exact.json'), 'utf8'));
    expect(json).toMatchObject({ name: 'Capitals: exact', score: 0.75, passed: true });
    expect(json.cases).toHaveLength(4);
    const markdown = readFileSync(path.join(dir, 'capitals-exact.md'), 'utf8');
    expect(markdown).toContain('| scorer | mean | passed | threshold |');
    expect(markdown).toContain('| exactMatch | 0.750 | 3/4 |  |');
    expect(markdown).toContain('| #3 Spain | 0.00 | 0.00 ✗ | expected "Madrid", got "Barcelona" |');
  });

  describe('baseline', () => {
    const baselineOf = (score: number): string => {
      const file = path.join(dir, 'baseline.json');
      writeFileSync(
        file,
        JSON.stringify({ score, scorers: [{ name: 'exactMatch', mean: score }] }),
      );
      return file;
    };

    it('fails when the score dropped more than the margin below the baseline', async () => {
      const report = await runEval(
        'capitals',
        capitalEval({ report: { dir, baseline: baselineOf(1), margin: 0.1 } }),
      );
      expect(report.passed).toBe(false);
      expect(report.baseline).toMatchObject({ baselineScore: 1, delta: -0.25, margin: 0.1 });
      expect(report.failures).toEqual([
        "mean score 0.750 dropped more than 0.1 below the baseline's 1.000",
        "exactMatch 0.750 dropped more than 0.1 below the baseline's 1.000",
      ]);
    });

    it('passes within the margin', async () => {
      const report = await runEval(
        'capitals',
        capitalEval({ report: { dir, baseline: baselineOf(0.8), margin: 0.05 } }),
      );
      expect(report.passed).toBe(true);
      expect(report.baseline?.regressions).toEqual([]);
    });

    it('notes a missing baseline, and CONDUIT_EVAL_UPDATE_BASELINE=1 writes it', async () => {
      const file = path.join(dir, 'baselines', 'capitals.json');
      const first = await runEval('capitals', capitalEval({ report: { dir, baseline: file } }));
      expect(first.passed).toBe(true);
      expect(first.notes).toEqual([
        `no baseline at ${file} yet (CONDUIT_EVAL_UPDATE_BASELINE=1 writes one)`,
      ]);

      process.env.CONDUIT_EVAL_UPDATE_BASELINE = '1';
      await runEval('capitals', capitalEval({ report: { dir, baseline: file } }));
      expect(existsSync(file)).toBe(true);
      delete process.env.CONDUIT_EVAL_UPDATE_BASELINE;

      const next = await runEval('capitals', capitalEval({ report: { dir, baseline: file } }));
      expect(next.baseline).toMatchObject({ baselineScore: 0.75, delta: 0, regressions: [] });
    });

    it('rejects a baseline file that is not a report', async () => {
      const file = path.join(dir, 'bad.json');
      writeFileSync(file, '{"hello":1}');
      await expect(
        runEval('capitals', capitalEval({ report: { baseline: file, dir } })),
      ).rejects.toThrow(ConduitValidationError);
    });
  });

  it('rejects malformed options with every problem in one ConduitValidationError', async () => {
    const bad = {
      data: 'nope',
      task: 1,
      scorers: [],
      threshold: 2,
      concurrency: 0,
      module: {},
      setup: () => ({}),
    };
    const error = await runEval('bad', bad as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConduitValidationError);
    expect((error as ConduitValidationError).issues.map((i) => i.path)).toEqual([
      'module, setup',
      'data',
      'task',
      'scorers',
      'threshold',
      'concurrency',
    ]);
  });

  it('rejects a module or setup that gives no module, before any case runs', async () => {
    const task = jest.fn((x: string) => x);
    const base = {
      data: [{ input: 'a' }],
      task,
      scorers: [exactMatch()],
      threshold: 1,
      report: false as const,
    };
    await expect(runEval('bad module', { ...base, module: {} as never })).rejects.toThrow(
      'module: must give a TestingModule or its builder, got object',
    );
    await expect(runEval('bad setup', { ...base, setup: () => null as never })).rejects.toThrow(
      'setup: must give an object with get(token), got null',
    );
    expect(task).not.toHaveBeenCalled();
  });

  it('runs the task on a plain setup object', async () => {
    const report = await runEval('setup', {
      setup: () => ({ get: () => ({ shout: (s: string) => s.toUpperCase() }) }),
      data: [{ input: 'a', expected: 'A' }],
      task: (input: string, { get }) => get<{ shout(s: string): string }>('Shouter').shout(input),
      scorers: [exactMatch()],
      threshold: 1,
      report: false,
    });
    expect(report.score).toBe(1);
  });

  it('rejects loaded data that has no case', async () => {
    await expect(
      runEval('empty', {
        data: async () => [],
        task: (x) => x,
        scorers: [exactMatch()],
        threshold: 1,
        report: false,
      }),
    ).rejects.toThrow('data: has no case');
  });
});
