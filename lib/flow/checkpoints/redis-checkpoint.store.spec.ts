import Redis from 'ioredis';
import { describeCheckpointStoreContract } from '../../../test/support/checkpoint-store-contract';
import { startRedisServer, type RedisServer } from '../../../test/support/redis-server';
import { ConduitValidationError } from '../../core/errors/conduit-validation.error';
import { RedisCheckpointStore } from './redis-checkpoint.store';

let server: RedisServer;
let clients: [Redis, Redis];

beforeAll(async () => {
  server = await startRedisServer();
  // Two connections: two replicas of an app sharing the threads.
  clients = [
    new Redis(server.url, { maxRetriesPerRequest: 1 }),
    new Redis(server.url, { maxRetriesPerRequest: 1 }),
  ];
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.quit()));
  await server.stop();
});

const PREFIX = 'test:cp:';

describeCheckpointStoreContract('RedisCheckpointStore', (options) => ({
  one: new RedisCheckpointStore({ ...options, client: clients[0], keyPrefix: PREFIX }),
  two: new RedisCheckpointStore({ ...options, client: clients[1], keyPrefix: PREFIX }),
  corrupt: async (threadId, step) => {
    await clients[0].hset(`${PREFIX}{${threadId}}:steps`, String(step), '{"threadId": oops');
  },
}));

describe('RedisCheckpointStore against a real redis-server', () => {
  const checkpoint = (threadId: string) => ({
    threadId,
    state: { n: 1 },
    next: [],
    path: [],
    joins: {},
    done: true,
  });

  it('sets ttlMs as a Redis expiry on both keys of a thread, renewed by every write', async () => {
    const store = new RedisCheckpointStore({
      client: clients[0],
      keyPrefix: PREFIX,
      ttlMs: 60_000,
    });
    await store.save(checkpoint('ttl'));
    for (const key of [`${PREFIX}{ttl}:head`, `${PREFIX}{ttl}:steps`]) {
      const ttl = await clients[0].pttl(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60_000);
    }
    const forever = new RedisCheckpointStore({
      client: clients[0],
      keyPrefix: PREFIX,
      ttlMs: Infinity,
    });
    await forever.save(checkpoint('ttl'));
    expect(await clients[0].pttl(`${PREFIX}{ttl}:steps`)).toBe(-1);
  });

  it('refuses to save over a head whose latest step is not a number', async () => {
    const store = new RedisCheckpointStore({ client: clients[0], keyPrefix: PREFIX });
    await store.save(checkpoint('bad-head'));
    await clients[0].hset(`${PREFIX}{bad-head}:head`, 'latest', 'x');
    await expect(store.save(checkpoint('bad-head'))).rejects.toMatchObject({
      name: 'CheckpointCorruptError',
    });
    expect(await clients[0].hlen(`${PREFIX}{bad-head}:steps`)).toBe(1);
  });

  it('lists every bad option in one error', () => {
    expect(
      () =>
        new RedisCheckpointStore({
          client: {} as unknown as Redis,
          keepLast: -1,
          ttlMs: 0.5,
        }),
    ).toThrow(ConduitValidationError);
  });
});
