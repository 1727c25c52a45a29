import {
  answer,
  chatContext,
  chatResponse,
  observe,
  ScriptedHandler,
  USAGE,
} from '../../../test/support/interceptor-harness';
import { BudgetExceededError } from '../../core/errors/budget-exceeded.error';
import { CostTracker } from './cost-tracker.service';
import { CostTrackingInterceptor } from './cost-tracking.interceptor';
import type { CostRecord } from './cost.types';

function record(at: number, key?: string): CostRecord {
  return {
    alias: 'default',
    provider: 'openai',
    modelId: 'gpt-4o-mini',
    ...(key === undefined ? {} : { key }),
    usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15 },
    cost: {
      inputUsd: 0.001,
      cacheReadUsd: 0,
      cacheWriteUsd: 0,
      outputUsd: 0.002,
      reasoningUsd: 0,
      totalUsd: 0.003,
    },
    estimated: false,
    aborted: false,
    cached: false,
    priced: true,
    at,
  };
}

describe('CostTracker', () => {
  it('recent() keeps the last 1000 records, oldest first, once more have come in', () => {
    const tracker = new CostTracker();
    for (let at = 0; at < 1003; at++) tracker.record(record(at));
    const recent = tracker.recent();
    expect(recent).toHaveLength(1000);
    expect(recent[0].at).toBe(3);
    expect(recent[999].at).toBe(1002);
    expect(recent.map((r) => r.at)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 3));
    expect(tracker.summary().calls).toBe(1003);
  });

  it('recent() is in order before the ring is full, and empty after reset()', () => {
    const tracker = new CostTracker();
    tracker.record(record(1, 'tenant-a'));
    tracker.record(record(2));
    expect(tracker.recent().map((r) => r.at)).toEqual([1, 2]);
    expect(tracker.spentUsd('tenant-a')).toBeCloseTo(0.003, 10);
    for (let at = 3; at < 1500; at++) tracker.record(record(at));
    tracker.reset();
    expect(tracker.recent()).toEqual([]);
    tracker.record(record(7));
    expect(tracker.recent().map((r) => r.at)).toEqual([7]);
    expect(tracker.summary()).toMatchObject({ calls: 1, inputTokens: 10, outputTokens: 5 });
  });

  it('reports dollar sums without binary-fraction noise', () => {
    const tracker = new CostTracker();
    const base = record(1);
    const cost = { ...base.cost, totalUsd: 0.0001 };
    for (let i = 0; i < 3; i++) tracker.record({ ...base, cost });
    expect(0.0001 + 0.0001 + 0.0001).not.toBe(0.0003);
    expect(tracker.summary().costUsd).toBe(0.0003);
    expect(tracker.byModel()['openai:gpt-4o-mini']?.costUsd).toBe(0.0003);
  });

  it.each([-600_000, NaN, Infinity, -Infinity])(
    'counts a record of %p dollars and tokens as 0, so no total goes down',
    (value) => {
      const tracker = new CostTracker();
      tracker.record(record(1, 'tenant-a'));
      const base = record(2, 'tenant-a');
      tracker.record({
        ...base,
        usage: {
          inputTokens: value,
          outputTokens: value,
          totalTokens: value,
          cacheReadTokens: value,
          cacheWriteTokens: value,
          reasoningTokens: value,
        },
        cost: { ...base.cost, totalUsd: value },
      });
      expect(tracker.spentUsd('tenant-a')).toBeCloseTo(0.003, 12);
      expect(tracker.spentUsd()).toBeCloseTo(0.003, 12);
      expect(tracker.summary()).toMatchObject({
        calls: 2,
        inputTokens: 10,
        outputTokens: 5,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
        reasoningTokens: 0,
      });
    },
  );

  it('keeps a budget after a provider reply of -1e12 output tokens', () => {
    const tracker = new CostTracker();
    // gpt-4o-mini test prices: 0.15 in, 0.6 out per million: USAGE costs $0.0000045.
    const interceptor = new CostTrackingInterceptor({ tracker, budgetUsd: 0.00001 });
    const call = (usage = USAGE) => {
      const context = chatContext();
      const handler = new ScriptedHandler(context, [answer(chatResponse('x', usage))]);
      return observe(interceptor.intercept(context, handler));
    };
    expect(call().error).toBeUndefined();
    // Once priced at -$600,000: the spent figure went negative and 200 more calls passed.
    const hostile = { inputTokens: 10, outputTokens: -1e12, totalTokens: 10 - 1e12 };
    expect(call(hostile).error).toBeUndefined();
    // Its 10 input tokens are still paid ($0.0000015); its output counts as 0.
    expect(tracker.spentUsd()).toBeCloseTo(0.000006, 12);
    let passed = 0;
    while (passed < 200 && call().error === undefined) passed++;
    expect(passed).toBe(1); // $0.0000105 spent, then refused
    expect(call().error).toBeInstanceOf(BudgetExceededError);
  });
});
