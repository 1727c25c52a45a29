import { ConduitValidationError } from '../../lib/core/errors/conduit-validation.error';
import { CheckpointConflictError } from '../../lib/flow/checkpoints/checkpoint-conflict.error';
import { CheckpointCorruptError } from '../../lib/flow/checkpoints/checkpoint-corrupt.error';
import { CheckpointNotFoundError } from '../../lib/flow/checkpoints/checkpoint-not-found.error';
import type { CheckpointStoreOptions } from '../../lib/flow/checkpoints/checkpoint-store-options.types';
import type { CheckpointStore, GraphCheckpoint } from '../../lib/flow/graph/checkpoint.store';
import { END, START } from '../../lib/flow/graph/graph.constants';
import { StateGraph } from '../../lib/flow/graph/state-graph';

/** Two stores over one database (two connections: two replicas), and a way to damage a record. */
export interface CheckpointContractStores {
  readonly one: CheckpointStore;
  readonly two: CheckpointStore;
  /** Overwrites the stored record of a step with text that is not a checkpoint. */
  readonly corrupt?: (threadId: string, step: number) => Promise<void>;
}

/** A fake clock for the stores: leases and `createdAt` without sleeping. */
export interface ContractClock {
  now: number;
}

let threads = 0;
/** A thread id no other test of the run uses (the stores of one file share a database). */
const newThread = (): string => `contract-${process.pid}-${(threads += 1)}`;

const checkpoint = (threadId: string, n: number, step?: number): GraphCheckpoint => ({
  threadId,
  state: { n },
  next: ['work'],
  path: ['prepare'],
  joins: {},
  done: false,
  ...(step === undefined ? {} : { step }),
});

/** The outcome of a promise, for races where either side may win. */
const settle = <T>(
  promise: Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> =>
  promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

/**
 * The `CheckpointStore` contract, run against every implementation: `factory` gets the options
 * (with a fake clock) and gives two stores over the same database. The in-memory store runs it with
 * one store twice (one process); Redis and PostgreSQL with two connections.
 */
export function describeCheckpointStoreContract(
  name: string,
  factory: (options: CheckpointStoreOptions) => CheckpointContractStores,
): void {
  describe(`${name}: the CheckpointStore contract`, () => {
    let clock: ContractClock;
    const stores = (options: CheckpointStoreOptions = {}): CheckpointContractStores =>
      factory({ now: () => clock.now, ...options });

    beforeEach(() => {
      clock = { now: 1_000_000 };
    });

    it('numbers the checkpoints of a thread, keeps every one and loads any step', async () => {
      const { one, two } = stores();
      const thread = newThread();
      for (let n = 0; n < 3; n += 1) {
        clock.now += 10;
        const saved = await one.save(checkpoint(thread, n));
        expect(saved).toMatchObject({ step: n, createdAt: clock.now, state: { n } });
      }
      expect((await two.load(thread))?.state).toEqual({ n: 2 });
      expect(await two.load(thread, { step: 1 })).toEqual({
        ...checkpoint(thread, 1),
        step: 1,
        createdAt: 1_000_020,
      });
      expect((await two.list(thread)).map((saved) => [saved.step, saved.state])).toEqual([
        [0, { n: 0 }],
        [1, { n: 1 }],
        [2, { n: 2 }],
      ]);
    });

    it('loads an unknown thread or step as undefined and lists it as []', async () => {
      const { one } = stores();
      const thread = newThread();
      expect(await one.load(thread)).toBeUndefined();
      expect(await one.list(thread)).toEqual([]);
      await one.save(checkpoint(thread, 1));
      expect(await one.load(thread, { step: 7 })).toBeUndefined();
    });

    it('refuses a save whose step is not the latest + 1, and writes nothing', async () => {
      const { one } = stores();
      const thread = newThread();
      await one.save(checkpoint(thread, 0, 0));
      const stale = one.save(checkpoint(thread, 99, 0));
      await expect(stale).rejects.toBeInstanceOf(CheckpointConflictError);
      await expect(stale).rejects.toMatchObject({ threadId: thread, actualStep: 0 });
      await expect(one.save(checkpoint(thread, 99, 5))).rejects.toBeInstanceOf(
        CheckpointConflictError,
      );
      expect((await one.list(thread)).map((saved) => saved.state)).toEqual([{ n: 0 }]);
    });

    it('lets exactly one of two writers racing for the same step win', async () => {
      const { one, two } = stores();
      const thread = newThread();
      await one.save(checkpoint(thread, 0, 0));
      const results = await Promise.all([
        settle(one.save(checkpoint(thread, 1, 1))),
        settle(two.save(checkpoint(thread, 2, 1))),
      ]);
      const winners = results.filter((result) => result.ok);
      const losers = results.flatMap((result) => (result.ok ? [] : [result.error]));
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(1);
      expect(losers[0]).toBeInstanceOf(CheckpointConflictError);
      const kept = await one.list(thread);
      expect(kept.map((saved) => saved.step)).toEqual([0, 1]);
      expect(kept[1]?.state).toEqual(results[0]?.ok === true ? { n: 1 } : { n: 2 });
    });

    it('gives a thread to one claimer at a time, until it is released or its lease ends', async () => {
      const { one, two } = stores({ leaseMs: 5_000 });
      const thread = newThread();
      await one.save(checkpoint(thread, 0));
      const claims = await Promise.all([
        settle(one.claim(thread, { owner: 'a', latestStep: 0 })),
        settle(two.claim(thread, { owner: 'b', latestStep: 0 })),
      ]);
      expect(claims.filter((claim) => claim.ok)).toHaveLength(1);
      const winner = claims[0]?.ok === true ? 'a' : 'b';
      const loser = winner === 'a' ? 'b' : 'a';
      // The loser can neither write nor claim while the lease lasts; the winner writes.
      await expect(two.save(checkpoint(thread, 9, 1), { owner: loser })).rejects.toMatchObject({
        reason: 'claimed',
      });
      await expect(one.save(checkpoint(thread, 9, 1))).rejects.toBeInstanceOf(
        CheckpointConflictError,
      );
      await one.save(checkpoint(thread, 1, 1), { owner: winner });
      // A claim from a step that is no longer the latest loses, whoever holds the thread.
      await one.release(thread, winner);
      await expect(two.claim(thread, { owner: loser, latestStep: 0 })).rejects.toMatchObject({
        reason: 'step-moved',
        expectedStep: 0,
        actualStep: 1,
      });
      await two.claim(thread, { owner: loser, latestStep: 1 });
      // The lease runs from the last write: 5 s later a crashed holder no longer blocks the thread.
      clock.now += 4_999;
      await expect(one.claim(thread, { owner: 'c', latestStep: 1 })).rejects.toBeInstanceOf(
        CheckpointConflictError,
      );
      clock.now += 1;
      await one.claim(thread, { owner: 'c', latestStep: 1 });
      // ...and the old holder's next save is then refused: never two histories.
      await expect(two.save(checkpoint(thread, 5, 2), { owner: loser })).rejects.toBeInstanceOf(
        CheckpointConflictError,
      );
    });

    it('claims a new thread once: two first runs of one thread id, one wins', async () => {
      const { one, two } = stores();
      const thread = newThread();
      const claims = await Promise.all([
        settle(one.claim(thread, { owner: 'a', latestStep: undefined })),
        settle(two.claim(thread, { owner: 'b', latestStep: undefined })),
      ]);
      expect(claims.filter((claim) => claim.ok)).toHaveLength(1);
      expect(await one.load(thread)).toBeUndefined();
    });

    it('keeps only the last keepLast checkpoints of a thread', async () => {
      const { one, two } = stores({ keepLast: 3 });
      const thread = newThread();
      for (let n = 0; n < 5; n += 1) await one.save(checkpoint(thread, n));
      expect((await two.list(thread)).map((saved) => saved.step)).toEqual([2, 3, 4]);
      expect(await two.load(thread, { step: 1 })).toBeUndefined();
      expect((await two.load(thread))?.step).toBe(4);
    });

    it('resumes on another replica and travels back in time without overwriting', async () => {
      const { one, two } = stores();
      const thread = newThread();
      let failing = true;
      const build = (store: CheckpointStore) =>
        new StateGraph<{ n: number; log: string[] }>()
          .addNode('double', (s) => ({ n: s.n * 2, log: [...s.log, 'double'] }))
          .addNode('add', (s) => {
            if (failing) throw new Error('down');
            return { n: s.n + 1, log: [...s.log, 'add'] };
          })
          .addEdge(START, 'double')
          .addEdge('double', 'add')
          .addEdge('add', END)
          .compile({ checkpointStore: store });
      await expect(build(one).run({ n: 5, log: [] }, { threadId: thread })).rejects.toThrow('down');
      failing = false;
      expect((await build(two).resume(thread)).state).toEqual({ n: 11, log: ['double', 'add'] });
      // Back to step 0 (after "double"): the new checkpoint is step 2, continuing step 0.
      expect((await build(one).resume(thread, { fromStep: 0 })).state.n).toBe(11);
      const kept = await two.list(thread);
      expect(kept.map((saved) => [saved.step, saved.parentStep, saved.done])).toEqual([
        [0, undefined, false],
        [1, undefined, true],
        [2, 0, true],
      ]);
      await expect(build(one).resume(thread, { fromStep: 9 })).rejects.toMatchObject({
        constructor: CheckpointNotFoundError,
        available: [0, 1, 2],
      });
      await expect(build(one).resume(newThread())).rejects.toBeInstanceOf(CheckpointNotFoundError);
    });

    it('runs a step once when two replicas resume one thread at once: one wins, one conflicts', async () => {
      const { one, two } = stores();
      const thread = newThread();
      let sideEffects = 0;
      let failing = true;
      let open: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => (open = resolve));
      const build = (store: CheckpointStore) =>
        new StateGraph<{ n: number }>()
          .addNode('prepare', () => ({ n: 1 }))
          .addNode('work', async (s) => {
            if (failing) throw new Error('down');
            sideEffects += 1;
            await gate; // the winner holds the thread until the loser has lost
            return { n: s.n + 1 };
          })
          .addEdge(START, 'prepare')
          .addEdge('prepare', 'work')
          .addEdge('work', END)
          .compile({ checkpointStore: store });
      await expect(build(one).run({ n: 0 }, { threadId: thread })).rejects.toThrow('down');
      failing = false;
      const runs = [settle(build(one).resume(thread)), settle(build(two).resume(thread))];
      const first = await Promise.race(runs);
      expect(first.ok).toBe(false);
      expect(first.ok ? undefined : first.error).toBeInstanceOf(CheckpointConflictError);
      open();
      const results = await Promise.all(runs);
      expect(results.filter((result) => result.ok)).toHaveLength(1);
      expect(sideEffects).toBe(1);
      expect((await one.load(thread))?.state).toEqual({ n: 2 });
    });

    it('refuses a bad thread id or step with a ConduitValidationError', async () => {
      const { one } = stores();
      const thread = newThread();
      await expect(one.load('')).rejects.toBeInstanceOf(ConduitValidationError);
      await expect(one.list('x'.repeat(513))).rejects.toBeInstanceOf(ConduitValidationError);
      await expect(one.load(thread, { step: -1 })).rejects.toThrow(/step: must be a non-negative/);
      await expect(one.save(checkpoint(thread, 0, 1.5))).rejects.toBeInstanceOf(
        ConduitValidationError,
      );
      await expect(
        one.claim(42 as unknown as string, { owner: 'a', latestStep: undefined }),
      ).rejects.toBeInstanceOf(ConduitValidationError);
      const graph = new StateGraph<{ n: number }>()
        .addNode('work', () => ({ n: 2 }))
        .addEdge(START, 'work')
        .addEdge('work', END)
        .compile({ checkpointStore: one });
      await expect(graph.resume(thread, { fromStep: Number.NaN })).rejects.toThrow(/fromStep/);
      expect(await one.list(thread)).toEqual([]);
    });

    it('throws CheckpointCorruptError for a damaged record and overwrites nothing', async () => {
      const { one, corrupt } = stores();
      if (corrupt === undefined) return; // a store that keeps objects cannot hold a damaged one
      const thread = newThread();
      await one.save(checkpoint(thread, 0));
      await corrupt(thread, 0);
      await expect(one.load(thread)).rejects.toBeInstanceOf(CheckpointCorruptError);
      await expect(one.list(thread)).rejects.toBeInstanceOf(CheckpointCorruptError);
      const graph = new StateGraph<{ n: number }>()
        .addNode('work', () => ({ n: 2 }))
        .addEdge(START, 'work')
        .addEdge('work', END)
        .compile({ checkpointStore: one });
      await expect(graph.resume(thread)).rejects.toBeInstanceOf(CheckpointCorruptError);
      await expect(graph.run({ n: 0 }, { threadId: thread })).rejects.toBeInstanceOf(
        CheckpointCorruptError,
      );
      await expect(one.load(thread)).rejects.toBeInstanceOf(CheckpointCorruptError);
    });
  });
}
