import Redis from 'ioredis';
import { firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import { startRedisServer, type RedisServer } from '../../../test/support/redis-server';
import { runState } from '../../../test/support/run-states';
import { ConduitValidationError } from '../../core/errors/conduit-validation.error';
import type { AgentEvent } from '../agent-event.types';
import { RedisRunEventLog } from './redis-run-event-log';

const start = (iteration: number): AgentEvent => ({ type: 'iteration-start', iteration });

/** Connections of the server blocked in XREAD right now. */
async function blockedReads(redis: Redis): Promise<number> {
  const list = (await redis.call('CLIENT', 'LIST')) as string;
  return list.split('\n').filter((line) => line.includes(' cmd=xread')).length;
}

/** Polls until the server has `count` blocked reads (a wait, not a timed assertion). */
/** Connections the server has accepted so far. */
async function connectionsReceived(redis: Redis): Promise<number> {
  const stats = await redis.info('stats');
  return Number(/total_connections_received:(\d+)/.exec(stats)?.[1]);
}

async function untilBlockedReads(redis: Redis, count: number): Promise<void> {
  while ((await blockedReads(redis)) !== count) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('RedisRunEventLog (real redis-server)', () => {
  let server: RedisServer;
  let writer: Redis;
  let reader: Redis;
  let admin: Redis;

  beforeAll(async () => {
    server = await startRedisServer();
    writer = new Redis(server.url);
    reader = new Redis(server.url);
    admin = new Redis(server.url);
  });

  afterAll(async () => {
    writer.disconnect();
    reader.disconnect();
    admin.disconnect();
    await server.stop();
  });

  it('replays and follows live what another client appends, until the final run status', async () => {
    const writes = new RedisRunEventLog({ client: writer, keyPrefix: 't1:' });
    const reads = new RedisRunEventLog({ client: reader, keyPrefix: 't1:', blockMs: 200 });
    await writes.append('r1', start(1));
    const all = lastValueFrom(reads.read('r1').pipe(toArray()));
    await writes.append('r1', start(2));
    await writes.statusChanged(
      runState('r1', 'failed', { error: { name: 'RateLimitError', message: 'slow down' } }),
    );
    await writes.append('r1', start(3));
    const records = await all;
    expect(records.map((r) => r.event.type)).toEqual([
      'iteration-start',
      'iteration-start',
      'run-status',
    ]);
    expect(records[2]?.event).toMatchObject({
      status: 'failed',
      error: { name: 'RateLimitError', message: 'slow down' },
    });
    expect(records.map((r) => r.id)).toEqual(
      (await admin.xrange('t1:r1', '-', '+')).slice(0, 3).map(([id]) => id),
    );
  });

  it('resumes after a given id: every later event exactly once, in order', async () => {
    const log = new RedisRunEventLog({ client: writer, keyPrefix: 't2:' });
    for (let i = 1; i <= 5; i++) await log.append('r1', start(i));
    await log.statusChanged(runState('r1', 'completed'));
    const ids = (await admin.xrange('t2:r1', '-', '+')).map(([id]) => id);
    const records = await lastValueFrom(log.read('r1', { after: ids[2] }).pipe(toArray()));
    expect(records.map((r) => r.id)).toEqual(ids.slice(3));
    expect(records.map((r) => r.event.type)).toEqual([
      'iteration-start',
      'iteration-start',
      'run-status',
    ]);
  });

  it('closes the duplicated connection of a live read when it is unsubscribed (the caller client stays usable)', async () => {
    const log = new RedisRunEventLog({ client: reader, keyPrefix: 't3:', blockMs: 60_000 });
    await untilBlockedReads(admin, 0);
    const seen: string[] = [];
    const subscription = log.read('r1').subscribe({
      next: (r) => seen.push(r.event.type),
      error: (error: unknown) => seen.push(`error: ${String(error)}`),
    });
    await log.append('r1', start(1));
    await untilBlockedReads(admin, 1);
    // The blocking read runs on its own connection: the caller's client still answers at once.
    expect(await reader.ping()).toBe('PONG');
    subscription.unsubscribe();
    await untilBlockedReads(admin, 0);
    expect(seen).toEqual(['iteration-start']);
  });

  it('caps each stream near maxEventsPerRun (MAXLEN ~) and expires it ttlMs after the last event', async () => {
    const log = new RedisRunEventLog({
      client: writer,
      keyPrefix: 't4:',
      maxEventsPerRun: 100,
      ttlMs: 60_000,
    });
    for (let i = 0; i < 1_000; i++) await log.append('r1', start(i));
    const length = await admin.xlen('t4:r1');
    expect(length).toBeGreaterThanOrEqual(100);
    expect(length).toBeLessThan(300);
    const ttl = await admin.pttl('t4:r1');
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('rejects an after that is not a stream id with ConduitValidationError, before any connection', async () => {
    const log = new RedisRunEventLog({ client: reader, keyPrefix: 't5:' });
    const before = await connectionsReceived(admin);
    await expect(firstValueFrom(log.read('r1', { after: '$' }))).rejects.toThrow(
      ConduitValidationError,
    );
    expect(await connectionsReceived(admin)).toBe(before);
  });
});
