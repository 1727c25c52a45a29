import { createHash } from 'node:crypto';
import type { RedisClientLike } from '../interceptors/stores/redis-client.types';
import {
  CircuitStore,
  type CircuitPermit,
  type CircuitPolicy,
  type CircuitStatus,
} from './circuit-store';
import {
  ACQUIRE_SCRIPT,
  FAILURE_SCRIPT,
  RELEASE_SCRIPT,
  STATUS_SCRIPT,
  SUCCESS_SCRIPT,
} from './redis-circuit.script';

/** Options of `RedisCircuitStore`. */
export interface RedisCircuitStoreOptions {
  /** A connected client, e.g. `new Redis(process.env.REDIS_URL)` from `ioredis`. Not closed by the store. */
  readonly client: RedisClientLike;
}

const sha1 = (script: string): string => createHash('sha1').update(script).digest('hex');
const PERMITS: readonly CircuitPermit[] = ['allow', 'probe', 'reject'];
const STATUSES: readonly CircuitStatus[] = ['closed', 'open', 'half-open'];

/**
 * A `CircuitStore` in Redis: every replica sees the same breakers, so one replica's failures open
 * the circuit for all and only one replica sends the half-open probe. Each step is one Lua script
 * (atomic); a key expires 10 cool-downs after its last write. Time comes from the calling
 * instance's clock, so keep hosts NTP-synchronised.
 *
 * @example
 * import Redis from 'ioredis';
 * providers: [{ provide: CircuitStore, useValue: new RedisCircuitStore({ client: new Redis(url) }) }]
 */
export class RedisCircuitStore extends CircuitStore {
  protected readonly client: RedisClientLike;

  constructor(options: RedisCircuitStoreOptions) {
    super();
    this.client = options.client;
  }

  async acquire(key: string, now: number, policy: CircuitPolicy): Promise<CircuitPermit> {
    const reply = await this.run(ACQUIRE_SCRIPT, key, [now, policy.cooldownMs]);
    return PERMITS[Number(reply)] ?? 'allow';
  }

  async recordFailure(key: string, now: number, policy: CircuitPolicy): Promise<void> {
    const rate = policy.failureRate;
    await this.run(FAILURE_SCRIPT, key, [
      now,
      policy.failureThreshold,
      policy.cooldownMs,
      rate?.threshold ?? 0,
      rate?.windowMs ?? 0,
      rate?.minimumCalls ?? 0,
    ]);
  }

  async recordSuccess(key: string, now?: number, policy?: CircuitPolicy): Promise<void> {
    const rate = policy?.failureRate;
    if (rate === undefined || now === undefined) {
      await this.client.del(key);
      return;
    }
    await this.run(SUCCESS_SCRIPT, key, [now, rate.windowMs, policy?.cooldownMs ?? 0]);
  }

  override async status(key: string, now: number, policy: CircuitPolicy): Promise<CircuitStatus> {
    const reply = await this.run(STATUS_SCRIPT, key, [now, policy.cooldownMs]);
    return STATUSES[Number(reply)] ?? 'closed';
  }

  override async releaseProbe(key: string): Promise<void> {
    await this.run(RELEASE_SCRIPT, key, []);
  }

  /** EVALSHA first (the script body is sent once per Redis restart), EVAL when Redis lacks it. */
  protected async run(script: string, key: string, args: readonly number[]): Promise<unknown> {
    try {
      return await this.client.evalsha(sha1(script), 1, key, ...args);
    } catch (error: unknown) {
      if (!(error instanceof Error) || !error.message.includes('NOSCRIPT')) throw error;
      return this.client.eval(script, 1, key, ...args);
    }
  }
}
