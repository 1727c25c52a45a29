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
    expect(cost.inputUsd).toBeCloseTo(0.6); // 300k uncached at 2
    expect(cost.cacheReadUsd).toBeCloseTo(0.3); // 600k at 0.5
    expect(cost.cacheWriteUsd).toBeCloseTo(0.25); // 100k at 2.5
    expect(cost.totalUsd).toBeCloseTo(1.15);
    // Without cache prices, cached tokens cost the input price.
    expect(computeCost(usage, price).totalUsd).toBeCloseTo(2);
  });

  it('pays reasoning a provider counts outside outputTokens (xAI: only in totalTokens)', () => {
    const usage = { inputTokens: 100, outputTokens: 50, reasoningTokens: 300, totalTokens: 450 };
    expect(computeCost(usage, price).outputUsd).toBeCloseTo((350 * 8) / 1e6);
  });

  it('prices reasoning tokens apart when reasoningPerMillion is given', () => {
    const usage = {
      inputTokens: 0,
      outputTokens: 1_000_000,
      reasoningTokens: 400_000,
      totalTokens: 1_000_000,
    };
    const cost = computeCost(usage, { ...price, reasoningPerMillion: 20 });
    expect(cost.outputUsd).toBeCloseTo(4.8);
    expect(cost.reasoningUsd).toBeCloseTo(8);
  });
});
