import {
  InMemoryRunEventLog,
  RedisAgentRunStore,
  RedisRunEventLog,
  type ConduitRunsOptions,
} from 'nestjs-conduit';
import Redis from 'ioredis';
import type { SampleEnv } from '../sample-env';

/** The `runs` options of the sample, and the Redis client they use (closed at shutdown). */
export interface SampleRuns {
  readonly options: ConduitRunsOptions;
  readonly redis?: Redis;
}

/**
 * Where the sample keeps durable runs and their events: Redis when `REDIS_URL` is set (shared by
 * every replica, kept across restarts), this process's memory otherwise.
 */
export function sampleRuns(env: SampleEnv): SampleRuns {
  const url = redisUrlOf(env);
  if (url === undefined) return { options: { events: new InMemoryRunEventLog() } };
  const redis = new Redis(url);
  return {
    options: {
      store: new RedisAgentRunStore({ client: redis }),
      events: new RedisRunEventLog({ client: redis }),
    },
    redis,
  };
}

/** `REDIS_URL` when set and not blank. */
export function redisUrlOf(env: SampleEnv): string | undefined {
  const url = env.REDIS_URL?.trim();
  return url === undefined || url === '' ? undefined : url;
}

/** ioredis connection options for BullMQ from a `redis://user:pass@host:port/db` URL. */
export function redisConnectionOf(url: string): {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db?: number;
} {
  const parsed = new URL(url);
  const db = Number(parsed.pathname.slice(1));
  return {
    host: parsed.hostname,
    port: parsed.port === '' ? 6379 : Number(parsed.port),
    ...(parsed.username === '' ? {} : { username: decodeURIComponent(parsed.username) }),
    ...(parsed.password === '' ? {} : { password: decodeURIComponent(parsed.password) }),
    ...(Number.isInteger(db) && db > 0 ? { db } : {}),
  };
}
