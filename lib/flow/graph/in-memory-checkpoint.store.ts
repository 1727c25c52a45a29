import { ConduitValidationError } from '../../core/errors/conduit-validation.error';
import { checkCheckpointInput } from '../checkpoints/check-checkpoint-input';
import { CheckpointConflictError } from '../checkpoints/checkpoint-conflict.error';
import {
  checkpointLimits,
  checkpointOptionIssues,
  type CheckpointLimits,
} from '../checkpoints/checkpoint-limits';
import type { CheckpointStoreOptions } from '../checkpoints/checkpoint-store-options.types';
import { checkNextStep, numberCheckpoint } from '../checkpoints/parse-checkpoint';
import {
  CheckpointStore,
  type ClaimCheckpointOptions,
  type GraphCheckpoint,
  type LoadCheckpointOptions,
  type SaveCheckpointOptions,
  type StoredCheckpoint,
} from './checkpoint.store';

/** Options of `InMemoryCheckpointStore`. */
export interface InMemoryCheckpointStoreOptions extends CheckpointStoreOptions {
  /** Threads kept (default 10,000): past it, the least recently written thread is dropped. */
  readonly maxThreads?: number;
}

/** Default `maxThreads` of `InMemoryCheckpointStore`. */
export const DEFAULT_MAX_CHECKPOINT_THREADS = 10_000;

interface Thread {
  /** Oldest first. */
  readonly checkpoints: StoredCheckpoint[];
  latest: number | undefined;
  claim: { owner: string; until: number } | undefined;
  writtenAt: number;
}

/** Runs `work` now; its result or its throw as a promise (callers race stores on promises). */
function settleNow<T>(work: () => T): Promise<T> {
  return new Promise<T>((resolve) => resolve(work()));
}

/**
 * Checkpoints in this process, with the contract of every `CheckpointStore` (numbered steps,
 * conditional saves, claims, `keepLast`, `ttlMs`), cloned on save and on load so that later changes
 * to a state do not alter them. For tests and single-process apps; several replicas need
 * `RedisCheckpointStore` or `PostgresCheckpointStore`.
 */
export class InMemoryCheckpointStore extends CheckpointStore {
  private readonly threads = new Map<string, Thread>();
  private readonly limits: CheckpointLimits;
  protected readonly maxThreads: number;

  constructor(options: InMemoryCheckpointStoreOptions = {}) {
    super();
    const issues = checkpointOptionIssues(options);
    const max = options.maxThreads;
    if (max !== undefined && (!Number.isInteger(max) || max < 1))
      issues.push({ path: 'maxThreads', message: 'must be a positive integer' });
    if (issues.length > 0)
      throw new ConduitValidationError(issues, 'Invalid InMemoryCheckpointStore options');
    this.limits = checkpointLimits(options);
    this.maxThreads = max ?? DEFAULT_MAX_CHECKPOINT_THREADS;
  }

  save(
    checkpoint: GraphCheckpoint,
    options: SaveCheckpointOptions = {},
  ): Promise<StoredCheckpoint> {
    return settleNow(() => this.saveNow(checkpoint, options));
  }

  load(
    threadId: string,
    options: LoadCheckpointOptions = {},
  ): Promise<StoredCheckpoint | undefined> {
    return settleNow(() => {
      checkCheckpointInput(threadId, { step: options.step });
      const list = this.thread(threadId, this.limits.now())?.checkpoints ?? [];
      const found =
        options.step === undefined
          ? list[list.length - 1]
          : list.find((checkpoint) => checkpoint.step === options.step);
      return found === undefined ? undefined : structuredClone(found);
    });
  }

  list(threadId: string): Promise<StoredCheckpoint[]> {
    return settleNow(() => {
      checkCheckpointInput(threadId);
      return this.history(threadId);
    });
  }

  claim(threadId: string, options: ClaimCheckpointOptions): Promise<void> {
    return settleNow(() => this.claimNow(threadId, options));
  }

  release(threadId: string, owner: string): Promise<void> {
    const thread = this.threads.get(threadId);
    if (thread?.claim?.owner === owner) thread.claim = undefined;
    return Promise.resolve();
  }

  /** Every checkpoint kept for a thread, oldest first (synchronous: handy in tests). */
  history(threadId: string): StoredCheckpoint[] {
    return structuredClone(this.thread(threadId, this.limits.now())?.checkpoints ?? []);
  }

  private saveNow(checkpoint: GraphCheckpoint, options: SaveCheckpointOptions): StoredCheckpoint {
    checkCheckpointInput(checkpoint.threadId, {
      step: checkpoint.step,
      parentStep: checkpoint.parentStep,
    });
    const now = this.limits.now();
    const thread = this.thread(checkpoint.threadId, now);
    this.checkClaim(checkpoint.threadId, thread, options.owner, now);
    const step = checkNextStep(checkpoint.threadId, checkpoint.step, thread?.latest);
    const stored = structuredClone(numberCheckpoint(checkpoint, step, now));
    const target = thread ?? { checkpoints: [], latest: undefined, claim: undefined, writtenAt: 0 };
    target.checkpoints.push(stored);
    if (target.checkpoints.length > this.limits.keepLast) target.checkpoints.shift();
    target.latest = step;
    target.writtenAt = now;
    if (target.claim !== undefined) target.claim.until = now + this.limits.leaseMs;
    this.touch(checkpoint.threadId, target);
    return structuredClone(stored);
  }

  private claimNow(threadId: string, options: ClaimCheckpointOptions): void {
    checkCheckpointInput(threadId, { latestStep: options.latestStep });
    const now = this.limits.now();
    const thread = this.thread(threadId, now);
    this.checkClaim(threadId, thread, options.owner, now);
    if (thread?.latest !== options.latestStep)
      throw new CheckpointConflictError(threadId, options.latestStep, thread?.latest, 'step-moved');
    const target = thread ?? {
      checkpoints: [],
      latest: undefined,
      claim: undefined,
      writtenAt: now,
    };
    target.claim = { owner: options.owner, until: now + this.limits.leaseMs };
    this.touch(threadId, target);
  }

  /** The live thread, forgetting it first when it expired. */
  private thread(threadId: string, now: number): Thread | undefined {
    const thread = this.threads.get(threadId);
    if (thread !== undefined && now - thread.writtenAt >= this.limits.ttlMs) {
      this.threads.delete(threadId);
      return undefined;
    }
    return thread;
  }

  private checkClaim(
    threadId: string,
    thread: Thread | undefined,
    owner: string | undefined,
    now: number,
  ): void {
    const claim = thread?.claim;
    if (claim !== undefined && claim.owner !== owner && claim.until > now)
      throw new CheckpointConflictError(threadId, thread?.latest, thread?.latest, 'claimed');
  }

  /** Moves the thread to the newest end of the map and drops the oldest past `maxThreads`. */
  private touch(threadId: string, thread: Thread): void {
    this.threads.delete(threadId);
    this.threads.set(threadId, thread);
    while (this.threads.size > this.maxThreads) {
      const oldest = this.threads.keys().next().value;
      if (oldest === undefined) break;
      this.threads.delete(oldest);
    }
  }
}
