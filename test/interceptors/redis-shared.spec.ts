import { Test, type TestingModule } from '@nestjs/testing';
import Redis from 'ioredis';
import {
  ChatService,
  ConduitMetadataKeys,
  ConduitModule,
  RateLimitExceededError,
  RateLimitInterceptor,
  RedisRateLimitStore,
  RedisResponseCacheStore,
  ResponseCacheInterceptor,
  type ConduitModuleOptions,
} from 'nestjs-conduit';
import { MockChatModel } from 'nestjs-conduit/testing';
import { startRedisServer, type RedisServer } from '../support/redis-server';

/**
 * Two app instances (two Nest applications, each with its own Redis connection and model) share
 * one rate limit and one response cache through a real redis-server.
 */
describe('two app instances sharing Redis', () => {
  let redis: RedisServer;
  const clients: Redis[] = [];
  const apps: TestingModule[] = [];
  /** The clock both instances read: the test moves it, nothing sleeps. */
  let now = 1_000_000;

  beforeAll(async () => {
    redis = await startRedisServer();
  });

  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
    await Promise.all(clients.splice(0).map((client) => client.quit()));
  });

  afterAll(async () => {
    await redis.stop();
  });

  async function instance(build: (client: Redis) => ConduitModuleOptions): Promise<ChatService> {
    const client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    clients.push(client);
    const app = await Test.createTestingModule({
      imports: [ConduitModule.forRoot(build(client))],
    }).compile();
    await app.init();
    apps.push(app);
    return app.get(ChatService);
  }

  it('never exceeds a shared requests-per-minute budget between two instances', async () => {
    const rpm = 6;
    const keyPrefix = `rl-test-${Date.now()}:`;
    const models = [
      new MockChatModel({ respond: () => 'ok' }),
      new MockChatModel({ respond: () => 'ok' }),
    ];
    const [a, b] = await Promise.all(
      models.map((model) =>
        instance((client) => ({
          models: { default: model },
          interceptors: [
            new RateLimitInterceptor({
              requestsPerMinute: rpm,
              onLimit: 'error',
              keyPrefix,
              now: () => now,
              store: new RedisRateLimitStore({ client }),
            }),
          ],
        })),
      ),
    );
    const both = [a, b];

    /** Fires `count` calls alternately from both instances, concurrently; returns how many got through. */
    async function burst(count: number): Promise<number> {
      const results = await Promise.allSettled(
        Array.from({ length: count }, (_, i) => both[i % 2].chat(`call ${i}`)),
      );
      for (const r of results) {
        if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(RateLimitExceededError);
      }
      return results.filter((r) => r.status === 'fulfilled').length;
    }

    // A full bucket: 6 of 20 calls pass, not 6 per instance.
    expect(await burst(20)).toBe(rpm);
    // The shared bucket refills at 6 a minute: 10 s later exactly one more call fits.
    now += 10_000;
    expect(await burst(10)).toBe(1);
    // Over the next five minutes of steady load, the two instances together get 6 a minute.
    let total = 0;
    for (let second = 10; second <= 300; second += 10) {
      now += 10_000;
      total += await burst(4);
    }
    expect(total).toBe(rpm * 5);
    expect(models[0].calls + models[1].calls).toBe(rpm + 1 + rpm * 5);
  });

  it('shares one response cache: an answer fetched by one instance is served to the other', async () => {
    const keyPrefix = `cache-test-${Date.now()}:`;
    const first = new MockChatModel({ responses: ['The answer is 42.'] });
    const second = new MockChatModel({ responses: ['should not be called'] });
    const build = (model: MockChatModel) => (client: Redis) => ({
      models: { default: model },
      interceptors: [
        new ResponseCacheInterceptor({ store: new RedisResponseCacheStore({ client, keyPrefix }) }),
      ],
    });
    const a = await instance(build(first));
    const b = await instance(build(second));

    expect((await a.chat('What is the answer?', { temperature: 0 })).text).toBe(
      'The answer is 42.',
    );
    // The write is in the background: wait for the key to exist in Redis before asking B.
    const client = clients[0];
    for (let tries = 0; (await client.keys(`${keyPrefix}*`)).length === 0 && tries < 100; tries++) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    const metadata = new Map<string, unknown>();
    const fromB = await b.chat('What is the answer?', { temperature: 0, metadata });
    expect(fromB.text).toBe('The answer is 42.');
    expect(metadata.get(ConduitMetadataKeys.cacheHit)).toBe(true);
    expect(first.calls).toBe(1);
    expect(second.calls).toBe(0);
  });
});
