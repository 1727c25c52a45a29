import { CostTracker } from './cost-tracker.service';
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
    expect(tracker.spentUsd('tenant-a')).toBeCloseTo(0.003);
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
});
