import { ConduitValidationError } from '../../core/errors/conduit-validation.error';
import { finiteOrZero } from '../../core/store-limits';
import {
  CheckpointStore,
  type ClaimCheckpointOptions,
  type GraphCheckpoint,
  type LoadCheckpointOptions,
  type SaveCheckpointOptions,
  type StoredCheckpoint,
} from '../graph/checkpoint.store';
import { checkCheckpointInput } from './check-checkpoint-input';
import { CheckpointConflictError } from './checkpoint-conflict.error';
import { CheckpointCorruptError } from './checkpoint-corrupt.error';
import {
  checkpointLimits,
  checkpointOptionIssues,
  type CheckpointLimits,
} from './checkpoint-limits';
import type { CheckpointStoreOptions } from './checkpoint-store-options.types';
import { checkpointBody, numberCheckpoint, parseCheckpoint } from './parse-checkpoint';
import type { RedisCheckpointClient } from './redis-checkpoint-client.types';
import {
  CLAIM_SCRIPT,
  LOAD_LATEST_SCRIPT,
  RELEASE_SCRIPT,
  SAVE_SCRIPT,
} from './redis-checkpoint.scripts';

/** Options of `RedisCheckpointStore`. */
export interface RedisCheckpointStoreOptions extends CheckpointStoreOptions {
  /** A connected client, e.g. `new Redis(process.env.REDIS_URL)` from `ioredis`. Not closed by the store. */
  readonly client: RedisCheckpointClient;
  /** Prefix of every key. Default `conduit:checkpoint:`. */
  readonly keyPrefix?: string;
}

/** A script's reply: a status and the thread's latest step (-1: none). */
type ScriptReply = [status: 'ok' | 'moved' | 'claimed' | 'corrupt', latest: number];

/**
 * A `CheckpointStore` in Redis, shared by every replica of an app. A thread is two hashes (its
 * head: latest step and claim; its checkpoints: step -> JSON) whose key names share a hash tag
 * (`{threadId}`), so a thread lives on one node of a Redis Cluster. Every check-then-write runs in
 * one Lua script, hence atomically: of two workers saving the same step, exactly one wins and the
 * other gets `CheckpointConflictError`. `keepLast` is applied by the save itself; `ttlMs` is a
 * Redis expiry on both keys, renewed by every write.
 *
 * @example
 * import Redis from 'ioredis';
 * const checkpointStore = new RedisCheckpointStore({ client: new Redis(url), keepLast: 50 });
 * const graph = new StateGraph<State>()...compile({ checkpointStore });
 */
export class RedisCheckpointStore extends CheckpointStore {
  protected readonly client: RedisCheckpointClient;
  protected readonly keyPrefix: string;
  private readonly limits: CheckpointLimits;

  constructor(options: RedisCheckpointStoreOptions) {
    super();
    const issues = checkpointOptionIssues(options);
    if (typeof options.client?.eval !== 'function')
      issues.push({ path: 'client', message: 'must be a Redis client with eval (ioredis)' });
    if (options.keyPrefix !== undefined && typeof options.keyPrefix !== 'string')
      issues.push({ path: 'keyPrefix', message: 'must be a string' });
    if (issues.length > 0)
      throw new ConduitValidationError(issues, 'Invalid RedisCheckpointStore options');
    this.client = options.client;
    this.keyPrefix = options.keyPrefix ?? 'conduit:checkpoint:';
    this.limits = checkpointLimits(options);
  }

  async save(
    checkpoint: GraphCheckpoint,
    options: SaveCheckpointOptions = {},
  ): Promise<StoredCheckpoint> {
    checkCheckpointInput(checkpoint.threadId, {
      step: checkpoint.step,
      parentStep: checkpoint.parentStep,
    });
    const createdAt = this.limits.now();
    // The step is spliced in by the script: it alone knows it for an append.
    const body = checkpointBody(checkpoint, createdAt);
    const reply = await this.run(
      checkpoint.threadId,
      SAVE_SCRIPT,
      checkpoint.step ?? '',
      options.owner ?? '',
      createdAt,
      this.limits.leaseMs,
      finiteOrZero(this.limits.ttlMs),
      finiteOrZero(this.limits.keepLast),
      JSON.stringify(body),
    );
    const expected = checkpoint.step === undefined ? reply[1] : checkpoint.step - 1;
    this.throwUnlessOk(checkpoint.threadId, reply, expected);
    return numberCheckpoint(checkpoint, reply[1], createdAt);
  }

  async load(
    threadId: string,
    options: LoadCheckpointOptions = {},
  ): Promise<StoredCheckpoint | undefined> {
    checkCheckpointInput(threadId, { step: options.step });
    const [head, steps] = this.keys(threadId);
    if (options.step !== undefined) {
      const raw = await this.client.eval(
        'return redis.call("HGET", KEYS[1], ARGV[1])',
        1,
        steps,
        options.step,
      );
      return raw === null ? undefined : parseCheckpoint(threadId, options.step, raw);
    }
    const reply = await this.client.eval(LOAD_LATEST_SCRIPT, 2, head, steps);
    const [latest, raw] = Array.isArray(reply) ? (reply as unknown[]) : [];
    if (latest === null || latest === undefined) return undefined;
    const step = Number(latest);
    if (!Number.isInteger(step)) throw new CheckpointCorruptError(threadId, undefined, 'bad head');
    if (raw === null || raw === undefined)
      throw new CheckpointCorruptError(threadId, step, 'the latest step has no record');
    return parseCheckpoint(threadId, step, raw);
  }

  async list(threadId: string): Promise<StoredCheckpoint[]> {
    checkCheckpointInput(threadId);
    const reply = await this.client.eval(
      'return redis.call("HGETALL", KEYS[1])',
      1,
      this.keys(threadId)[1],
    );
    const flat = Array.isArray(reply) ? (reply as unknown[]) : [];
    const checkpoints: StoredCheckpoint[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const step = Number(flat[i]);
      if (!Number.isInteger(step))
        throw new CheckpointCorruptError(threadId, undefined, `a field is not a step number`);
      checkpoints.push(parseCheckpoint(threadId, step, flat[i + 1]));
    }
    return checkpoints.sort((a, b) => a.step - b.step);
  }

  async claim(threadId: string, options: ClaimCheckpointOptions): Promise<void> {
    checkCheckpointInput(threadId, { latestStep: options.latestStep });
    const reply = await this.run(
      threadId,
      CLAIM_SCRIPT,
      options.latestStep ?? '',
      options.owner,
      this.limits.now(),
      this.limits.leaseMs,
      finiteOrZero(this.limits.ttlMs),
    );
    this.throwUnlessOk(threadId, reply, options.latestStep);
  }

  async release(threadId: string, owner: string): Promise<void> {
    await this.client.eval(RELEASE_SCRIPT, 1, this.keys(threadId)[0], owner);
  }

  /** The head and checkpoints keys of a thread: one hash tag, so one Redis Cluster slot. */
  protected keys(threadId: string): [head: string, steps: string] {
    const base = `${this.keyPrefix}{${threadId}}`;
    return [`${base}:head`, `${base}:steps`];
  }

  private async run(
    threadId: string,
    script: string,
    ...args: (string | number)[]
  ): Promise<ScriptReply> {
    const reply = await this.client.eval(script, 2, ...this.keys(threadId), ...args);
    if (!Array.isArray(reply) || typeof reply[0] !== 'string')
      throw new CheckpointCorruptError(threadId, undefined, 'unexpected script reply');
    return [reply[0] as ScriptReply[0], Number(reply[1])];
  }

  private throwUnlessOk(
    threadId: string,
    [status, latest]: ScriptReply,
    expected: number | undefined,
  ): void {
    if (status === 'ok') return;
    if (status === 'corrupt')
      throw new CheckpointCorruptError(
        threadId,
        undefined,
        "the head's latest step is not a number",
      );
    const actual = latest < 0 ? undefined : latest;
    const wanted = expected === undefined || expected < 0 ? undefined : expected;
    throw new CheckpointConflictError(
      threadId,
      wanted,
      actual,
      status === 'claimed' ? 'claimed' : 'step-moved',
    );
  }
}
