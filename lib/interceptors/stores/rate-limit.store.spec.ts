import Redis from 'ioredis';
import { startRedisServer, type RedisServer } from '../../../test/support/redis-server';
import { InMemoryRateLimitStore } from './in-memory-rate-limit.store';
import type { RateLimitStore, TokenBucketSpec } from './rate-limit.store';
import { RedisRateLimitStore } from './redis-rate-limit.store';

let server: RedisServer;
const clients: Redis[] = [];

function redisClient(): Redis {
  const client = new Redis(server.url, { lazyConnect: false, maxRetriesPerRequest: 1 });
  clients.push(client);
  return client;
}

beforeAll(async () => {
  server = await startRedisServer();
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.quit()));
  await server.stop();
});

let prefix = 0;
/** A fresh key per test, so that the Redis buckets of one test never leak into the next. */
const uniqueKey = (name: string): string => `test:${++prefix}:${name}`;

/** 60 per minute = one token per 1000 ms. */
const perMinute = (key: string, capacity: number, cost = 1): TokenBucketSpec => ({
  key,
  capacity,
  refillPerMs: capacity / 60_000,
  cost,
});

describe.each<[string, () => RateLimitStore]>([
  ['InMemoryRateLimitStore', () => new InMemoryRateLimitStore()],
  ['RedisRateLimitStore', () => new RedisRateLimitStore({ client: redisClient() })],
])('%s', (_name, makeStore) => {
  it('grants up to the capacity, then refuses with the wait until the next token', async () => {
    const store = makeStore();
    const bucket = perMinute(uniqueKey('rpm'), 3);
    for (let i = 0; i < 3; i++) expect((await store.consume([bucket], 0)).granted).toBe(true);
    expect(await store.consume([bucket], 0)).toEqual({
      granted: false,
      retryAfterMs: 20_000,
      limitedBy: bucket.key,
    });
    expect(await store.consume([bucket], 19_999)).toMatchObject({
      granted: false,
      retryAfterMs: 1,
    });
    expect((await store.consume([bucket], 20_000)).granted).toBe(true);
  });

  it('takes from every bucket of a call or from none', async () => {
    const store = makeStore();
    const requests = perMinute(uniqueKey('rpm'), 10);
    const tokens = { ...perMinute(uniqueKey('tpm'), 1000), cost: 800 };
    expect((await store.consume([requests, tokens], 0)).granted).toBe(true);
    const refused = await store.consume([requests, tokens], 0);
    expect(refused).toMatchObject({ granted: false, limitedBy: tokens.key });
    // The refused call did not take a request token: 9 are left.
    for (let i = 0; i < 9; i++) expect((await store.consume([requests], 0)).granted).toBe(true);
    expect((await store.consume([requests], 0)).granted).toBe(false);
  });

  it('corrects a bucket with adjust: giving back and going into debt', async () => {
    const store = makeStore();
    const tpm = perMinute(uniqueKey('tpm'), 600); // 1 token per 100 ms
    expect((await store.consume([{ ...tpm, cost: 600 }], 0)).granted).toBe(true);
    await store.adjust(tpm, 100, 0); // over-estimated by 100
    expect((await store.consume([{ ...tpm, cost: 100 }], 0)).granted).toBe(true);
    await store.adjust(tpm, -300, 0); // under-estimated by 300: debt
    expect(await store.consume([{ ...tpm, cost: 1 }], 0)).toMatchObject({
      granted: false,
      retryAfterMs: 30_100,
    });
  });

  it('never refills above capacity and ignores a clock that runs behind', async () => {
    const store = makeStore();
    const bucket = perMinute(uniqueKey('rpm'), 2);
    expect((await store.consume([bucket], 10_000)).granted).toBe(true);
    expect((await store.consume([bucket], 5_000)).granted).toBe(true); // a lagging instance
    expect((await store.consume([bucket], 5_000)).granted).toBe(false);
    expect((await store.consume([bucket], 10_000_000)).granted).toBe(true);
    expect((await store.consume([bucket], 10_000_000)).granted).toBe(true);
    expect((await store.consume([bucket], 10_000_000)).granted).toBe(false);
  });
});

describe('RedisRateLimitStore against a real redis-server', () => {
  it('is atomic: two clients racing 40 calls for 10 tokens get exactly 10', async () => {
    const a = new RedisRateLimitStore({ client: redisClient() });
    const b = new RedisRateLimitStore({ client: redisClient() });
    const bucket = perMinute(uniqueKey('race'), 10);
    const decisions = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? a : b).consume([bucket], 0)),
    );
    expect(decisions.filter((d) => d.granted)).toHaveLength(10);
  });

  it('reloads its script after Redis forgot it (NOSCRIPT)', async () => {
    const client = redisClient();
    const store = new RedisRateLimitStore({ client });
    const bucket = perMinute(uniqueKey('flush'), 5);
    expect((await store.consume([bucket], 0)).granted).toBe(true);
    await client.script('FLUSH');
    expect((await store.consume([bucket], 0)).granted).toBe(true);
  });

  it('lets a bucket key expire once it would be full again', async () => {
    const client = redisClient();
    const store = new RedisRateLimitStore({ client });
    const bucket = perMinute(uniqueKey('ttl'), 60); // 1 token per 1000 ms
    await store.consume([{ ...bucket, cost: 3 }], 0);
    const ttl = await client.pttl(bucket.key);
    expect(ttl).toBeGreaterThan(3000);
    expect(ttl).toBeLessThanOrEqual(4000);
  });
});
