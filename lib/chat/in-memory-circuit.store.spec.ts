import { InMemoryCircuitStore } from './in-memory-circuit.store';

const POLICY = { failureThreshold: 2, cooldownMs: 100 };

describe('InMemoryCircuitStore', () => {
  it('opens at the threshold, lets one probe through after the cool-down, closes on success', async () => {
    const store = new InMemoryCircuitStore();
    await store.recordFailure('k', 0, POLICY);
    expect(await store.acquire('k', 1, POLICY)).toBe('allow');
    await store.recordFailure('k', 1, POLICY);
    expect(await store.acquire('k', 100, POLICY)).toBe('reject');
    expect(await store.acquire('k', 101, POLICY)).toBe('probe');
    expect(await store.acquire('k', 102, POLICY)).toBe('reject');
    await store.recordSuccess('k');
    expect(await store.acquire('k', 103, POLICY)).toBe('allow');
  });

  it('frees the probe place when a probe never reports back', async () => {
    const store = new InMemoryCircuitStore();
    await store.recordFailure('k', 0, POLICY);
    await store.recordFailure('k', 0, POLICY);
    expect(await store.acquire('k', 100, POLICY)).toBe('probe');
    expect(await store.acquire('k', 200, POLICY)).toBe('probe');
  });

  it('keeps at most maxKeys circuits, forgetting the oldest', async () => {
    const store = new InMemoryCircuitStore({ maxKeys: 2 });
    for (const key of ['a', 'b', 'c']) {
      await store.recordFailure(key, 0, POLICY);
      await store.recordFailure(key, 0, POLICY);
    }
    expect(await store.acquire('a', 1, POLICY)).toBe('allow');
    expect(await store.acquire('c', 1, POLICY)).toBe('reject');
  });
});
