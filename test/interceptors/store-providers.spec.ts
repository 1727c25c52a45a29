import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import Redis from 'ioredis';
import {
  ChatService,
  ConduitMetadataKeys,
  ConduitModule,
  InMemoryRateLimitStore,
  InMemoryResponseCacheStore,
  RATE_LIMIT_INTERCEPTOR_OPTIONS,
  RateLimitExceededError,
  RateLimitInterceptor,
  RateLimitStore,
  RedisRateLimitStore,
  RedisResponseCacheStore,
  ResponseCacheInterceptor,
  ResponseCacheStore,
  type ConduitModuleRootOptions,
  type RateLimitDecision,
  type RateLimitInterceptorOptions,
  type TokenBucketSpec,
} from 'nestjs-conduit';
import { MockChatModel } from 'nestjs-conduit/testing';
import { startRedisServer, type RedisServer } from '../support/redis-server';

type Importable = NonNullable<DynamicModule['imports']>[number];

/** The app module a user writes: ConduitModule imported, the store among its own providers. */
function appModule(conduit: ConduitModuleRootOptions, providers: Provider[]) {
  @Module({ imports: [ConduitModule.forRoot(conduit)], providers })
  class AppModule {}
  return AppModule;
}

/** An in-memory cache store that counts what reaches it. */
class CountingCacheStore extends InMemoryResponseCacheStore {
  reads = 0;
  writes = 0;
  override get(key: string): Promise<string | undefined> {
    this.reads += 1;
    return super.get(key);
  }
  override set(key: string, value: string, ttlMs: number): Promise<void> {
    this.writes += 1;
    return super.set(key, value, ttlMs);
  }
}

/** An in-memory rate-limit store that counts the buckets it was asked to take from. */
class CountingRateLimitStore extends InMemoryRateLimitStore {
  consumed = 0;
  override consume(specs: readonly TokenBucketSpec[], now: number): Promise<RateLimitDecision> {
    this.consumed += 1;
    return super.consume(specs, now);
  }
}

/** Resolves once `condition` holds, checking after each turn of the event loop (no timers). */
async function eventually(condition: () => Promise<boolean>): Promise<void> {
  for (let turn = 0; turn < 1000; turn++) {
    if (await condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('condition never held');
}

describe('a ResponseCacheStore / RateLimitStore provided by the importing module', () => {
  const apps: TestingModule[] = [];

  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  async function boot(root: Importable): Promise<TestingModule> {
    const app = await Test.createTestingModule({ imports: [root] }).compile();
    await app.init();
    apps.push(app);
    return app;
  }

  it('is the store of a ResponseCacheInterceptor class, not an in-memory default', async () => {
    const store = new CountingCacheStore();
    const model = new MockChatModel({ responses: ['first', 'second'] });
    const app = await boot(
      appModule({ models: { default: model }, interceptors: [ResponseCacheInterceptor] }, [
        { provide: ResponseCacheStore, useValue: store },
      ]),
    );
    const chat = app.get(ChatService);

    expect((await chat.chat('same question', { temperature: 0 })).text).toBe('first');
    await eventually(() => Promise.resolve(store.writes === 1));
    expect((await chat.chat('same question', { temperature: 0 })).text).toBe('first');

    expect(store.reads).toBe(2);
    expect(model.calls).toBe(1);
  });

  it('is the store of a RateLimitInterceptor class, options from RATE_LIMIT_INTERCEPTOR_OPTIONS', async () => {
    const store = new CountingRateLimitStore();
    const options: RateLimitInterceptorOptions = { requestsPerMinute: 1, onLimit: 'error' };
    const app = await boot(
      appModule(
        {
          models: { default: new MockChatModel({ respond: () => 'ok' }) },
          interceptors: [RateLimitInterceptor],
        },
        [
          { provide: RateLimitStore, useValue: store },
          { provide: RATE_LIMIT_INTERCEPTOR_OPTIONS, useValue: options },
        ],
      ),
    );
    const chat = app.get(ChatService);

    await chat.chat('one');
    await expect(chat.chat('two')).rejects.toBeInstanceOf(RateLimitExceededError);
    expect(store.consumed).toBe(2);
  });

  it('wins when exported by a module imported after ConduitModule, and with isGlobal or forRootAsync', async () => {
    const cache = new CountingCacheStore();
    @Module({
      providers: [{ provide: ResponseCacheStore, useValue: cache }],
      exports: [ResponseCacheStore],
    })
    class StoresModule {}
    const model = new MockChatModel({ respond: () => 'ok' });
    @Module({
      imports: [
        ConduitModule.forRoot({
          models: { default: model },
          interceptors: [ResponseCacheInterceptor],
          isGlobal: true,
        }),
        StoresModule,
      ],
    })
    class GlobalApp {}
    @Module({
      imports: [
        ConduitModule.forRootAsync({
          useFactory: () => ({
            models: { default: model },
            interceptors: [ResponseCacheInterceptor],
          }),
        }),
        StoresModule,
      ],
    })
    class AsyncApp {}

    for (const root of [GlobalApp, AsyncApp]) {
      const before = cache.reads;
      await (await boot(root)).get(ChatService).chat('hello');
      expect(cache.reads).toBe(before + 1);
    }
  });
});

/**
 * Two app instances (two Nest applications, each with its own Redis connection and model), each
 * providing a Redis store the way the docs show: as a provider of the module importing ConduitModule.
 */
describe('two apps providing Redis stores in their own module share one Redis', () => {
  let redis: RedisServer;
  const clients: Redis[] = [];
  const apps: TestingModule[] = [];

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

  /** One app instance: its own Redis client, the stores built from it in the app's module. */
  async function instance(
    conduit: ConduitModuleRootOptions,
    providers: (client: Redis) => Provider[],
  ): Promise<{ chat: ChatService; client: Redis }> {
    const client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    clients.push(client);
    const app = await Test.createTestingModule({
      imports: [appModule(conduit, providers(client))],
    }).compile();
    await app.init();
    apps.push(app);
    return { chat: app.get(ChatService), client };
  }

  it('answers the same request from one upstream call: the cache is shared', async () => {
    const keyPrefix = `store-providers-cache-${Date.now()}:`;
    const models = [
      new MockChatModel({ responses: ['The answer is 42.'] }),
      new MockChatModel({ responses: ['should not be called'] }),
    ];
    const instances: { chat: ChatService; client: Redis }[] = [];
    for (const model of models) {
      instances.push(
        await instance(
          { models: { default: model }, interceptors: [ResponseCacheInterceptor] },
          (client) => [
            {
              provide: ResponseCacheStore,
              useValue: new RedisResponseCacheStore({ client, keyPrefix }),
            },
          ],
        ),
      );
    }
    const [first, second] = instances;

    expect((await first.chat.chat('What is the answer?', { temperature: 0 })).text).toBe(
      'The answer is 42.',
    );
    // The write is in the background: wait for the key to exist in Redis before asking B.
    await eventually(async () => (await first.client.keys(`${keyPrefix}*`)).length > 0);
    const metadata = new Map<string, unknown>();
    const fromSecond = await second.chat.chat('What is the answer?', { temperature: 0, metadata });

    expect(fromSecond.text).toBe('The answer is 42.');
    expect(metadata.get(ConduitMetadataKeys.cacheHit)).toBe(true);
    expect(models[0].calls + models[1].calls).toBe(1);
  });

  it('holds a limit of 5 requests a minute across both apps: 5 of 10 calls pass', async () => {
    const options: RateLimitInterceptorOptions = {
      requestsPerMinute: 5,
      onLimit: 'error',
      keyPrefix: `store-providers-rl-${Date.now()}:`,
      // One clock for both apps, which nothing advances: the bucket does not refill mid-test.
      now: () => 1_000_000,
    };
    const models = [
      new MockChatModel({ respond: () => 'ok' }),
      new MockChatModel({ respond: () => 'ok' }),
    ];
    const instances: { chat: ChatService; client: Redis }[] = [];
    for (const model of models) {
      instances.push(
        await instance(
          { models: { default: model }, interceptors: [RateLimitInterceptor] },
          (client) => [
            { provide: RateLimitStore, useValue: new RedisRateLimitStore({ client }) },
            { provide: RATE_LIMIT_INTERCEPTOR_OPTIONS, useValue: options },
          ],
        ),
      );
    }

    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => instances[i % 2].chat.chat(`call ${i}`)),
    );

    const refused = results.filter((r) => r.status === 'rejected');
    for (const r of refused) expect(r.reason).toBeInstanceOf(RateLimitExceededError);
    expect(refused).toHaveLength(5);
    expect(models[0].calls + models[1].calls).toBe(5);
  });
});
