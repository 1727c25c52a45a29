import { describeCheckpointStoreContract } from '../../../test/support/checkpoint-store-contract';
import { ConduitValidationError } from '../../core/errors/conduit-validation.error';
import { InMemoryCheckpointStore } from './in-memory-checkpoint.store';

// One process: both "replicas" are the same store.
describeCheckpointStoreContract('InMemoryCheckpointStore', (options) => {
  const store = new InMemoryCheckpointStore(options);
  return { one: store, two: store };
});

describe('InMemoryCheckpointStore bounds', () => {
  const checkpoint = (threadId: string) => ({
    threadId,
    state: {},
    next: [],
    path: [],
    joins: {},
    done: true,
  });

  it('forgets a thread ttlMs after its last write', async () => {
    let now = 0;
    const store = new InMemoryCheckpointStore({ ttlMs: 1_000, now: () => now });
    await store.save(checkpoint('t'));
    now = 999;
    expect(await store.load('t')).toBeDefined();
    await store.save(checkpoint('t'));
    now = 1_998;
    expect(await store.list('t')).toHaveLength(2);
    now = 1_999;
    expect(await store.load('t')).toBeUndefined();
  });

  it('drops the least recently written thread past maxThreads', async () => {
    const store = new InMemoryCheckpointStore({ maxThreads: 2 });
    await store.save(checkpoint('a'));
    await store.save(checkpoint('b'));
    await store.save(checkpoint('a'));
    await store.save(checkpoint('c'));
    expect(await store.load('b')).toBeUndefined();
    expect(await store.list('a')).toHaveLength(2);
  });

  it('lists every bad option in one error', () => {
    expect(
      () => new InMemoryCheckpointStore({ keepLast: 0, leaseMs: Infinity, maxThreads: 1.5 }),
    ).toThrow(ConduitValidationError);
    try {
      new InMemoryCheckpointStore({ keepLast: 0, leaseMs: Infinity, maxThreads: 1.5 });
    } catch (error: unknown) {
      expect((error as ConduitValidationError).issues.map((issue) => issue.path)).toEqual([
        'keepLast',
        'leaseMs',
        'maxThreads',
      ]);
    }
  });
});
