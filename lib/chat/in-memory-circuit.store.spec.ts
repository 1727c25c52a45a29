import { InMemoryCircuitStore } from './in-memory-circuit.store';

const POLICY = { failureThreshold: 2, cooldownMs: 100 };

describe('InMemoryCircuitStore', () => {
  it('opens at the threshold, lets one probe through after the cool-down, closes on success', () => {
    const store = new InMemoryCircuitStore();
    store.recordFailure('k', 0, POLICY);
    expect(store.acquire('k', 1, POLICY)).toBe('allow');
    store.recordFailure('k', 1, POLICY);
    expect(store.acquire('k', 100, POLICY)).toBe('reject');
    expect(store.acquire('k', 101, POLICY)).toBe('probe');
    expect(store.acquire('k', 102, POLICY)).toBe('reject');
    store.recordSuccess('k');
    expect(store.acquire('k', 103, POLICY)).toBe('allow');
  });

  it('frees the probe place when a probe never reports back', () => {
    const store = new InMemoryCircuitStore();
    store.recordFailure('k', 0, POLICY);
    store.recordFailure('k', 0, POLICY);
    expect(store.acquire('k', 100, POLICY)).toBe('probe');
    expect(store.acquire('k', 200, POLICY)).toBe('probe');
  });

  it('gives the probe place to the next call at once when the probe is released', () => {
    const store = new InMemoryCircuitStore();
    store.recordFailure('k', 0, POLICY);
    store.recordFailure('k', 0, POLICY);
    expect(store.acquire('k', 100, POLICY)).toBe('probe');
    expect(store.acquire('k', 101, POLICY)).toBe('reject');
    store.releaseProbe('k');
    expect(store.acquire('k', 102, POLICY)).toBe('probe');
    // Releasing the probe of a closed or unknown circuit changes nothing.
    store.releaseProbe('unknown');
    expect(store.acquire('unknown', 103, POLICY)).toBe('allow');
  });

  it('keeps at most maxKeys circuits, forgetting the oldest', () => {
    const store = new InMemoryCircuitStore({ maxKeys: 2 });
    for (const key of ['a', 'b', 'c']) {
      store.recordFailure(key, 0, POLICY);
      store.recordFailure(key, 0, POLICY);
    }
    expect(store.acquire('a', 1, POLICY)).toBe('allow');
    expect(store.acquire('c', 1, POLICY)).toBe('reject');
  });
});
