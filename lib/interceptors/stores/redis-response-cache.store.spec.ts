import Redis from 'ioredis';
import { startRedisServer, type RedisServer } from '../../../test/support/redis-server';
import { RedisResponseCacheStore } from './redis-response-cache.store';

let server: RedisServer;
let client: Redis;

beforeAll(async () => {
  server = await startRedisServer();
  client = new Redis(server.url, { maxRetriesPerRequest: 1 });
});

afterAll(async () => {
  await client.quit();
  await server.stop();
});

describe('RedisResponseCacheStore against a real redis-server', () => {
  it('stores, reads and deletes values under its key prefix', async () => {
    const store = new RedisResponseCacheStore({ client, keyPrefix: 'app1:' });
    await store.set('k', '{"v":1}', 60_000);
    expect(await store.get('k')).toBe('{"v":1}');
    expect(await client.get('app1:k')).toBe('{"v":1}');
    expect(
      await new RedisResponseCacheStore({ client, keyPrefix: 'app2:' }).get('k'),
    ).toBeUndefined();
    await store.delete('k');
    expect(await store.get('k')).toBeUndefined();
  });

  it('lets Redis expire entries after the TTL (SET ... PX)', async () => {
    const store = new RedisResponseCacheStore({ client });
    await store.set('ttl', 'x', 5000);
    const pttl = await client.pttl('conduit:cache:ttl');
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(5000);
  });

  it('reads an absent key as undefined', async () => {
    expect(await new RedisResponseCacheStore({ client }).get('missing')).toBeUndefined();
  });
});
