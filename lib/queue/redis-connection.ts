import type { ConnectionOptions } from 'bullmq';
import { loadOptionalPackage } from '../core/load-optional-package';

/** What the cancel channel uses of an ioredis connection. */
export interface PubSubConnection {
  publish(channel: string, message: string): Promise<unknown>;
  subscribe(channel: string): Promise<unknown>;
  on(event: 'message', listener: (channel: string, message: string) => void): unknown;
  disconnect(): void;
}

/**
 * A new ioredis connection to the queue's Redis: a duplicate of the client the user gave, or one
 * made from the options (ioredis is a peer of bullmq, so it is there whenever bullmq is).
 */
export function openRedisConnection(connection: ConnectionOptions): PubSubConnection {
  const given = connection as { duplicate?: () => unknown };
  if (typeof given.duplicate === 'function') return given.duplicate() as PubSubConnection;
  const { Redis } = loadOptionalPackage<typeof import('ioredis')>('ioredis', 'ConduitQueueModule', {
    install: 'npm install ioredis',
  });
  return new Redis(connection as import('ioredis').RedisOptions);
}
