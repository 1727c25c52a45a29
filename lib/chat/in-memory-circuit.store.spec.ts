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

  describe('with a failure-rate rule', () => {
    const RATE = {
      failureThreshold: 100,
      cooldownMs: 100,
      failureRate: { threshold: 0.5, windowMs: 1_000, minimumCalls: 4 },
    };

    it('opens when half the calls of a window failed, even with no two failures in a row', () => {
      const store = new InMemoryCircuitStore();
      store.recordFailure('k', 0, RATE);
      store.recordSuccess('k', 1, RATE);
      store.recordFailure('k', 2, RATE);
      expect(store.acquire('k', 3, RATE)).toBe('allow'); // 2 of 3: below minimumCalls
      store.recordSuccess('k', 4, RATE);
      expect(store.acquire('k', 5, RATE)).toBe('allow'); // 2 of 4 calls, but the last succeeded
      store.recordFailure('k', 6, RATE); // 3 of 5
      expect(store.acquire('k', 7, RATE)).toBe('reject');
      expect(store.status('k', 7, RATE)).toBe('open');
    });

    it('stays closed while the failures stay under the share, and forgets a window once it ended', () => {
      const store = new InMemoryCircuitStore();
      for (let i = 0; i < 6; i++) store.recordSuccess('k', i, RATE);
      store.recordFailure('k', 6, RATE);
      store.recordFailure('k', 7, RATE);
      store.recordFailure('k', 8, RATE); // 3 of 9
      expect(store.acquire('k', 9, RATE)).toBe('allow');
      // A new window: its first failures are below minimumCalls, the old successes are gone.
      store.recordFailure('k', 1_010, RATE);
      store.recordFailure('k', 1_011, RATE);
      expect(store.acquire('k', 1_012, RATE)).toBe('allow');
      store.recordSuccess('k', 1_013, RATE);
      store.recordFailure('k', 1_014, RATE); // 3 of 4
      expect(store.acquire('k', 1_015, RATE)).toBe('reject');
    });

    it('a successful probe closes the circuit with a fresh window', () => {
      const store = new InMemoryCircuitStore();
      for (let i = 0; i < 4; i++) store.recordFailure('k', i, RATE);
      expect(store.acquire('k', 200, RATE)).toBe('probe');
      store.recordSuccess('k', 201, RATE);
      expect(store.status('k', 202, RATE)).toBe('closed');
      store.recordFailure('k', 203, RATE);
      expect(store.acquire('k', 204, RATE)).toBe('allow');
    });
  });
});
