import { computeCost } from './compute-cost';

const price = { inputPerMillion: 2, outputPerMillion: 8 };

describe('computeCost', () => {
  it('charges input and output per million tokens', () => {
    const cost = computeCost(
      { inputTokens: 1_000_000, outputTokens: 500_000, totalTokens: 1_500_000 },
      price,
    );
    expect(cost).toEqual({
      inputUsd: 2,
      cacheReadUsd: 0,
      cacheWriteUsd: 0,
      outputUsd: 4,
      reasoningUsd: 0,
      totalUsd: 6,
    });
  });

  it('charges cache reads and writes at their prices, the rest of the input at the input price', () => {
    const usage = {
      inputTokens: 1_000_000,
      cacheReadTokens: 600_000,
      cacheWriteTokens: 100_000,
      outputTokens: 0,
      totalTokens: 1_000_000,
    };
    const cost = computeCost(usage, {
      ...price,
      cacheReadPerMillion: 0.5,
      cacheWritePerMillion: 2.5,
    });
    expect(cost.inputUsd).toBeCloseTo(0.6, 10); // 300k uncached at 2
    expect(cost.cacheReadUsd).toBeCloseTo(0.3, 10); // 600k at 0.5
    expect(cost.cacheWriteUsd).toBeCloseTo(0.25, 10); // 100k at 2.5
    expect(cost.totalUsd).toBeCloseTo(1.15, 10);
    // Without cache prices, cached tokens cost the input price.
    expect(computeCost(usage, price).totalUsd).toBeCloseTo(2, 10);
  });

  it('pays reasoning a provider counts outside outputTokens (xAI: only in totalTokens)', () => {
    const usage = { inputTokens: 100, outputTokens: 50, reasoningTokens: 300, totalTokens: 450 };
    expect(computeCost(usage, price).outputUsd).toBeCloseTo((350 * 8) / 1e6, 10);
  });

  it('prices reasoning tokens apart when reasoningPerMillion is given', () => {
    const usage = {
      inputTokens: 0,
      outputTokens: 1_000_000,
      reasoningTokens: 400_000,
      totalTokens: 1_000_000,
    };
    const cost = computeCost(usage, { ...price, reasoningPerMillion: 20 });
    expect(cost.outputUsd).toBeCloseTo(4.8, 10);
    expect(cost.reasoningUsd).toBeCloseTo(8, 10);
  });

  it('never prices more reasoning than there is output (reasoning clamped to the output)', () => {
    const usage = { inputTokens: 0, outputTokens: 100, reasoningTokens: 500, totalTokens: 100 };
    const cost = computeCost(usage, { ...price, reasoningPerMillion: 20 });
    expect(cost.reasoningUsd).toBeCloseTo((100 * 20) / 1e6, 12);
    expect(cost.outputUsd).toBe(0);
    expect(cost.totalUsd).toBeCloseTo((100 * 20) / 1e6, 12);
  });

  it.each([-1e12, NaN, Infinity, -Infinity])(
    'prices %p tokens at 0, never below zero',
    (tokens) => {
      // -1e12 output tokens with a consistent total once cost -$600,000 and opened every budget.
      const usage = {
        inputTokens: 10,
        outputTokens: tokens,
        totalTokens: 10 + tokens,
        cacheReadTokens: tokens,
        cacheWriteTokens: tokens,
        reasoningTokens: tokens,
      };
      const cost = computeCost(usage, { ...price, reasoningPerMillion: 20 });
      expect(cost.totalUsd).toBeCloseTo((10 * 2) / 1e6, 12);
      for (const value of Object.values(cost)) {
        expect(Number.isFinite(value) && value >= 0).toBe(true);
      }
      const allBad = { inputTokens: tokens, outputTokens: tokens, totalTokens: tokens };
      expect(computeCost(allBad, price).totalUsd).toBe(0);
    },
  );
});
