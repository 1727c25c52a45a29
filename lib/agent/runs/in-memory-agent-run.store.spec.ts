import {
  describeAgentRunStoreContract,
  sampleRunState,
} from '../../../test/support/agent-run-store-contract';
import { ConduitValidationError } from '../../core/errors/conduit-validation.error';
import { InMemoryAgentRunStore } from './in-memory-agent-run.store';

let current: InMemoryAgentRunStore;

describeAgentRunStoreContract('InMemoryAgentRunStore', {
  store: () => (current = new InMemoryAgentRunStore({ maxStateBytes: 10_000 })),
  writeCorrupt: async (runId, raw) => {
    // The in-memory store keeps JSON strings: reach into its map as a broken writer would.
    (current as unknown as { runs: Map<string, unknown> }).runs.set(runId, {
      json: raw,
      version: 1,
      final: false,
      savedAt: Date.now(),
    });
  },
  readRaw: async (runId) =>
    (current as unknown as { runs: Map<string, { json: string }> }).runs.get(runId)?.json,
});

describe('InMemoryAgentRunStore bounds', () => {
  it('keeps at most maxRuns, dropping the run saved least recently', async () => {
    const store = new InMemoryAgentRunStore({ maxRuns: 2 });
    const a = await store.create(sampleRunState('a'));
    await store.create(sampleRunState('b'));
    await store.save({ ...a, iterations: 1 }, 1); // a is now the most recent
    await store.create(sampleRunState('c'));
    expect(await store.get('b')).toBeUndefined();
    expect(await store.get('a')).toBeDefined();
    expect(await store.get('c')).toBeDefined();
  });

  it('forgets a run ttlMs after its last save (injected clock)', async () => {
    let now = 1_000_000;
    const store = new InMemoryAgentRunStore({ ttlMs: 1_000, now: () => now });
    await store.create(sampleRunState('t'));
    now += 999;
    expect(await store.get('t')).toBeDefined();
    now += 2;
    expect(await store.get('t')).toBeUndefined();
  });

  it('never hands out its own objects: mutating a read state changes nothing stored', async () => {
    const store = new InMemoryAgentRunStore();
    await store.create(sampleRunState('m'));
    const read = await store.get('m');
    (read?.messages as unknown[]).push({ role: 'user', content: 'injected' });
    expect((await store.get('m'))?.messages).toHaveLength(2);
  });

  it('rejects bad options with one error listing each', () => {
    expect(() => new InMemoryAgentRunStore({ maxRuns: 0, ttlMs: -1 })).toThrow(
      ConduitValidationError,
    );
    expect(() => new InMemoryAgentRunStore({ maxRuns: 0, ttlMs: -1 })).toThrow(
      /maxRuns.*\n?.*ttlMs/s,
    );
  });
});
