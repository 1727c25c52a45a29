import { InMemoryRateLimitStore } from './in-memory-rate-limit.store';

class InspectableStore extends InMemoryRateLimitStore {
  get size(): number {
    return this.buckets.size;
  }
}

describe('InMemoryRateLimitStore', () => {
  it('sweeps buckets that refilled completely once it holds many (per-user keys stay bounded)', async () => {
    const store = new InspectableStore();
    const spec = (i: number) => ({
      key: `user-${i}`,
      capacity: 10,
      refillPerMs: 10 / 60_000,
      cost: 1,
    });
    for (let i = 0; i < 10_001; i++) await store.consume([spec(i)], 0);
    expect(store.size).toBe(10_001);
    // A minute later every bucket is full again: the next consume sweeps them all but its own.
    await store.consume([spec(-1)], 60_000);
    expect(store.size).toBe(1);
  });
});
