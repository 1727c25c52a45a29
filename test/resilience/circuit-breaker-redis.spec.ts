import Redis from 'ioredis';
import { CircuitStore } from '../../lib/chat/circuit-store';
import { RedisCircuitStore } from '../../lib/chat/redis-circuit.store';
import { recordedText } from '../support/fixtures';
import { startRedisServer, type RedisServer } from '../support/redis-server';
import { errorBody } from '../faults/fault-bodies';
import { chatModelFor, okFixture } from '../faults/fault-harness';
import { ReplayServer } from '../support/replay-server';
import { Test } from '@nestjs/testing';
import { ConduitModule } from '../../lib/conduit.module';
import { ChatService } from '../../lib/chat/chat.service';
import type { ConduitModuleRootOptions } from '../../lib/conduit-options.interface';
import { manualClock } from './fallback-harness';

const POLICY = { failureThreshold: 2, cooldownMs: 30_000 };

describe('RedisCircuitStore against a real Redis', () => {
  let redis: RedisServer;
  const clients: Redis[] = [];
  const client = (): Redis => {
    const made = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    clients.push(made);
    return made;
  };

  beforeAll(async () => {
    redis = await startRedisServer();
  });

  afterAll(async () => {
    for (const c of clients) await c.quit();
    await redis.stop();
  });

  it('opens at the threshold, refuses during the cool-down, lets exactly one probe through', async () => {
    const a = new RedisCircuitStore({ client: client() });
    const b = new RedisCircuitStore({ client: client() });
    const key = 'test:circuit:probe';
    await a.recordFailure(key, 1000, POLICY);
    expect(await b.acquire(key, 1000, POLICY)).toBe('allow');
    await b.recordFailure(key, 1000, POLICY);
    expect(await a.acquire(key, 2000, POLICY)).toBe('reject');
    const probes = await Promise.all([
      a.acquire(key, 31_000, POLICY),
      b.acquire(key, 31_000, POLICY),
    ]);
    expect([...probes].sort()).toEqual(['probe', 'reject']);
    await a.recordSuccess(key);
    expect(await b.acquire(key, 31_001, POLICY)).toBe('allow');
  });

  it('releaseProbe gives the probe place to another replica at once', async () => {
    const a = new RedisCircuitStore({ client: client() });
    const b = new RedisCircuitStore({ client: client() });
    const key = 'test:circuit:release';
    await a.recordFailure(key, 1000, POLICY);
    await a.recordFailure(key, 1000, POLICY);
    expect(await a.acquire(key, 31_000, POLICY)).toBe('probe');
    expect(await b.acquire(key, 31_001, POLICY)).toBe('reject');
    await a.releaseProbe(key);
    expect(await b.acquire(key, 31_002, POLICY)).toBe('probe');
  });

  it('opens on a failure rate over a window, counted across replicas', async () => {
    const a = new RedisCircuitStore({ client: client() });
    const b = new RedisCircuitStore({ client: client() });
    const key = 'test:circuit:rate';
    const rate = {
      failureThreshold: 100,
      cooldownMs: 30_000,
      failureRate: { threshold: 0.5, windowMs: 10_000, minimumCalls: 4 },
    };
    await a.recordFailure(key, 1000, rate);
    await b.recordSuccess(key, 1001, rate);
    await a.recordFailure(key, 1002, rate);
    await b.recordSuccess(key, 1003, rate);
    expect(await a.status(key, 1004, rate)).toBe('closed');
    await b.recordFailure(key, 1005, rate); // 3 failures of 5 calls, never two in a row
    expect(await a.acquire(key, 1006, rate)).toBe('reject');
    expect(await b.status(key, 1006, rate)).toBe('open');
    expect(await b.status(key, 31_005, rate)).toBe('half-open');
    expect(await a.acquire(key, 31_005, rate)).toBe('probe');
    await a.recordSuccess(key, 31_006, rate);
    expect(await b.status(key, 31_007, rate)).toBe('closed');
  });

  it('keys carry a TTL', async () => {
    const c = client();
    const store = new RedisCircuitStore({ client: c });
    await store.recordFailure('test:circuit:ttl', 1000, POLICY);
    const ttl = await c.pttl('test:circuit:ttl');
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(POLICY.cooldownMs * 10);
  });

  it('two Nest apps share breaker state: one app opens the circuit, the other skips the alias', async () => {
    const failing = await ReplayServer.start();
    const backup = await ReplayServer.start();
    const clock = manualClock();
    const overloaded = {
      status: 503,
      body: errorBody('openai', 'server_error', 'Service unavailable'),
      headers: { 'content-type': 'application/json' },
    };
    const options = (): ConduitModuleRootOptions =>
      ({
        models: {
          default: chatModelFor('openai', failing.baseUrl),
          backup: chatModelFor('openai', backup.baseUrl),
        },
        retry: false,
        fallbacks: { default: ['backup'] },
        circuitBreaker: { failureThreshold: 2, now: clock.now, keyPrefix: 'shared:' },
      }) as Record<string, unknown> as unknown as ConduitModuleRootOptions;
    // App A is given the store in its options; app B provides it like any other store.
    const appA = await Test.createTestingModule({
      imports: [
        ConduitModule.forRoot({
          ...options(),
          circuitBreaker: {
            failureThreshold: 2,
            now: clock.now,
            keyPrefix: 'shared:',
            store: new RedisCircuitStore({ client: client() }),
          },
        }),
      ],
    }).compile();
    const appB = await Test.createTestingModule({
      imports: [ConduitModule.forRoot(options())],
      providers: [{ provide: CircuitStore, useValue: new RedisCircuitStore({ client: client() }) }],
    }).compile();
    await appA.init();
    await appB.init();
    try {
      failing.enqueue(overloaded, overloaded);
      backup.enqueue(...Array.from({ length: 3 }, () => ({ fixture: okFixture('openai', false) })));
      await appA.get(ChatService).chat('Hi');
      await appA.get(ChatService).chat('Hi');
      expect(failing.requests).toHaveLength(2);
      const answer = await appB.get(ChatService).chat('Hi');
      expect(answer.text).toBe(recordedText(okFixture('openai', false)));
      expect(failing.requests).toHaveLength(2);
      expect(backup.requests).toHaveLength(3);
    } finally {
      await appA.close();
      await appB.close();
      await failing.close();
      await backup.close();
    }
  });
});
