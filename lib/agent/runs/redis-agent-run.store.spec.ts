import Redis from 'ioredis';
import {
  describeAgentRunStoreContract,
  sampleRunState,
} from '../../../test/support/agent-run-store-contract';
import { startRedisServer, type RedisServer } from '../../../test/support/redis-server';
import { ConduitValidationError } from '../../core/errors/conduit-validation.error';
import { RedisAgentRunStore } from './redis-agent-run.store';

let server: RedisServer;
let clients: [Redis, Redis];
const PREFIX = 'test:run:';

beforeAll(async () => {
  server = await startRedisServer();
  // Two connections: two replicas sharing the runs.
  clients = [
    new Redis(server.url, { maxRetriesPerRequest: 1 }),
    new Redis(server.url, { maxRetriesPerRequest: 1 }),
  ];
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.quit()));
  await server.stop();
});

let turn = 0;
describeAgentRunStoreContract('RedisAgentRunStore on a real redis-server', {
  // Alternating connections: the race test's two saves may come from two replicas.
  store: () =>
    new RedisAgentRunStore({
      client: clients[turn++ % 2],
      keyPrefix: PREFIX,
      maxStateBytes: 10_000,
    }),
  writeCorrupt: async (runId, raw) => {
    await clients[0].hset(`${PREFIX}${runId}`, 'v', '1', 's', raw);
  },
  readRaw: async (runId) => (await clients[0].hget(`${PREFIX}${runId}`, 's')) ?? undefined,
});

describe('RedisAgentRunStore', () => {
  it('sets the TTL on every save', async () => {
    const store = new RedisAgentRunStore({ client: clients[0], keyPrefix: PREFIX, ttlMs: 60_000 });
    await store.create(sampleRunState('ttl-run'));
    const ttl = await clients[0].pttl(`${PREFIX}ttl-run`);
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('keeps a run without expiry when ttlMs is Infinity', async () => {
    const store = new RedisAgentRunStore({
      client: clients[0],
      keyPrefix: PREFIX,
      ttlMs: Number.POSITIVE_INFINITY,
    });
    await store.create(sampleRunState('forever'));
    expect(await clients[0].pttl(`${PREFIX}forever`)).toBe(-1);
  });

  it('rejects a client without eval', () => {
    expect(() => new RedisAgentRunStore({ client: {} as never })).toThrow(ConduitValidationError);
  });
});
