import type { AgentRunState } from '../../lib/agent/runs/agent-run-state.types';
import type { AgentRunStore } from '../../lib/agent/runs/agent-run.store';
import { CorruptRunStateError } from '../../lib/agent/runs/errors/corrupt-run-state.error';
import { RunAlreadyExistsError } from '../../lib/agent/runs/errors/run-already-exists.error';
import { RunConflictError } from '../../lib/agent/runs/errors/run-conflict.error';
import { RunNotFoundError } from '../../lib/agent/runs/errors/run-not-found.error';
import { RunStateTooLargeError } from '../../lib/agent/runs/errors/run-state-too-large.error';

/** A fresh `queued` run state (as `AgentService.createRun` builds it). */
export function sampleRunState(
  runId: string,
  overrides: Partial<AgentRunState> = {},
): AgentRunState {
  const stamp = new Date(0).toISOString();
  return {
    runId,
    status: 'queued',
    pendingApprovals: [],
    usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 },
    iterations: 0,
    spec: { tools: ['lookup'], maxIterations: 5, system: 'Be brief.' },
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Where is order 42?' },
    ],
    toolCalls: [],
    version: 0,
    createdAt: stamp,
    updatedAt: stamp,
    ...overrides,
  };
}

/** What a store under the contract needs from its spec. */
export interface AgentRunStoreFixture {
  /** A store with an empty keyspace / table and `maxStateBytes: 10_000`. */
  readonly store: () => AgentRunStore;
  /** Writes raw bytes where the store keeps `runId`, as a broken writer would. */
  readonly writeCorrupt: (runId: string, raw: string) => Promise<void>;
  /** Reads back the raw data of `runId` (to prove a corrupt value was not overwritten). */
  readonly readRaw: (runId: string) => Promise<string | undefined>;
}

let sequence = 0;
/** An id no other test of the run uses. */
const freshId = (label: string): string => `${label}-${process.pid}-${++sequence}`;

/**
 * The `AgentRunStore` contract, run against every store (in memory, Redis, PostgreSQL) by its
 * spec: create / get / save with compare-and-set / delete / prune, corrupt data and the size
 * bound.
 */
export function describeAgentRunStoreContract(name: string, fixture: AgentRunStoreFixture): void {
  describe(`${name} (AgentRunStore contract)`, () => {
    it('creates a run at version 1 and reads it back equal', async () => {
      const store = fixture.store();
      const runId = freshId('create');
      const created = await store.create(sampleRunState(runId));
      expect(created.version).toBe(1);
      expect(Date.parse(created.createdAt)).toBeGreaterThan(0);
      expect(await store.get(runId)).toEqual(created);
    });

    it('answers undefined for an unknown run', async () => {
      expect(await fixture.store().get(freshId('unknown'))).toBeUndefined();
    });

    it('refuses to create a run twice', async () => {
      const store = fixture.store();
      const runId = freshId('twice');
      await store.create(sampleRunState(runId));
      await expect(store.create(sampleRunState(runId))).rejects.toBeInstanceOf(
        RunAlreadyExistsError,
      );
    });

    it('saves against the expected version and bumps it', async () => {
      const store = fixture.store();
      const runId = freshId('save');
      const created = await store.create(sampleRunState(runId));
      const saved = await store.save({ ...created, status: 'running', iterations: 1 }, 1);
      expect(saved.version).toBe(2);
      const read = await store.get(runId);
      expect(read).toMatchObject({ status: 'running', iterations: 1, version: 2 });
    });

    it('lets exactly one of two saves of the same version win', async () => {
      const store = fixture.store();
      const runId = freshId('race');
      const created = await store.create(sampleRunState(runId));
      const outcomes = await Promise.allSettled([
        store.save({ ...created, status: 'running', iterations: 1 }, 1),
        store.save({ ...created, status: 'cancelled', iterations: 2 }, 1),
      ]);
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.filter((o) => o.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      const reason = lost[0].reason as RunConflictError;
      expect(reason).toBeInstanceOf(RunConflictError);
      expect(reason.actualVersion).toBe(2);
      const winner = won[0].value;
      expect((await store.get(runId))?.status).toBe(winner.status);
    });

    it('refuses a save against a stale version', async () => {
      const store = fixture.store();
      const runId = freshId('stale');
      const created = await store.create(sampleRunState(runId));
      await store.save({ ...created, iterations: 1 }, 1);
      await expect(store.save({ ...created, iterations: 9 }, 1)).rejects.toBeInstanceOf(
        RunConflictError,
      );
      expect((await store.get(runId))?.iterations).toBe(1);
    });

    it('answers RunNotFoundError when saving a run that does not exist', async () => {
      const runId = freshId('missing');
      await expect(
        fixture.store().save(sampleRunState(runId, { version: 1 }), 1),
      ).rejects.toBeInstanceOf(RunNotFoundError);
    });

    it('deletes a run', async () => {
      const store = fixture.store();
      const runId = freshId('delete');
      await store.create(sampleRunState(runId));
      expect(await store.delete(runId)).toBe(true);
      expect(await store.get(runId)).toBeUndefined();
      expect(await store.delete(runId)).toBe(false);
    });

    it('prunes final runs older than the limit and keeps the others', async () => {
      const store = fixture.store();
      const done = freshId('done');
      const waiting = freshId('waiting');
      const created = await store.create(sampleRunState(done));
      await store.save({ ...created, status: 'completed' }, 1);
      await store.create(sampleRunState(waiting, { status: 'awaiting-approval' }));
      // olderThanMs 0: every final run saved until now goes; the waiting one stays.
      expect(await store.prune({ olderThanMs: 0 })).toBeGreaterThanOrEqual(1);
      expect(await store.get(done)).toBeUndefined();
      expect((await store.get(waiting))?.status).toBe('awaiting-approval');
    });

    it('refuses a negative or missing olderThanMs', async () => {
      const store = fixture.store();
      await expect(store.prune({ olderThanMs: -1 })).rejects.toThrow(/olderThanMs/);
      await expect(store.prune({} as never)).rejects.toThrow(/olderThanMs/);
    });

    it('refuses a state over maxStateBytes and keeps the previous one', async () => {
      const store = fixture.store();
      const runId = freshId('large');
      const created = await store.create(sampleRunState(runId));
      const huge = { role: 'user' as const, content: 'x'.repeat(20_000) };
      await expect(
        store.save({ ...created, messages: [...created.messages, huge] }, 1),
      ).rejects.toBeInstanceOf(RunStateTooLargeError);
      expect(await store.get(runId)).toEqual(created);
    });

    it('reports corrupt stored data as CorruptRunStateError and does not overwrite it', async () => {
      const store = fixture.store();
      const runId = freshId('corrupt');
      await fixture.writeCorrupt(runId, '{"runId": 42, "status": "bogus"');
      const error: unknown = await store.get(runId).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CorruptRunStateError);
      expect((error as CorruptRunStateError).runId).toBe(runId);
      expect(await fixture.readRaw(runId)).toContain('bogus');
    });

    it('reports a well-formed JSON that is not a run state as corrupt, listing the problems', async () => {
      const store = fixture.store();
      const runId = freshId('shape');
      await fixture.writeCorrupt(runId, JSON.stringify({ runId, status: 'running', version: 1 }));
      const error = (await store.get(runId).catch((e: unknown) => e)) as CorruptRunStateError;
      expect(error).toBeInstanceOf(CorruptRunStateError);
      expect(error.problems).toEqual(
        expect.arrayContaining([expect.stringMatching(/^messages: /)]),
      );
    });
  });
}
