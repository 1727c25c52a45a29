import Redis from 'ioredis';
import { startRedisServer, type RedisServer } from '../../test/support/redis-server';
import type { Message } from '../core';
import { ConversationMemoryService } from './conversation-memory.service';
import { RedisConversationStore } from './redis-conversation.store';

let server: RedisServer;
let clients: Redis[];

beforeAll(async () => {
  server = await startRedisServer();
  // Two connections: two app instances writing to the same conversations.
  clients = [
    new Redis(server.url, { maxRetriesPerRequest: 1 }),
    new Redis(server.url, { maxRetriesPerRequest: 1 }),
  ];
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.quit()));
  await server.stop();
});

function memoryOn(client: Redis, ttlMs?: number): ConversationMemoryService {
  return new ConversationMemoryService({
    store: new RedisConversationStore({
      client,
      keyPrefix: 'test:conv:',
      ...(ttlMs !== undefined && { ttlMs }),
    }),
  });
}

const user = (text: string): Message => ({ role: 'user', content: text });

describe('RedisConversationStore against a real redis-server', () => {
  it('shares conversations between instances: append on one, load on the other', async () => {
    const [one, two] = clients as [Redis, Redis];
    await memoryOn(one).append('shared', [user('Hi'), { role: 'assistant', content: 'Hello!' }]);
    expect(await memoryOn(two).load('shared')).toEqual([
      user('Hi'),
      { role: 'assistant', content: 'Hello!' },
    ]);
  });

  it('loses no append when two instances write to one conversation in parallel', async () => {
    const [one, two] = clients as [Redis, Redis];
    const writers = [memoryOn(one), memoryOn(two)];
    // Each append is a turn of two messages, which must also stay next to each other.
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        writers[i % 2].append('busy', [user(`q${i}`), { role: 'assistant', content: `a${i}` }]),
      ),
    );
    const messages = await memoryOn(one).load('busy');
    expect(messages).toHaveLength(100);
    for (let i = 0; i < 100; i += 2) {
      const n = (messages[i]?.content as string).slice(1);
      expect(messages[i + 1]).toEqual({ role: 'assistant', content: `a${n}` });
    }
    const questions = messages.filter((m) => m.role === 'user').map((m) => m.content);
    expect(new Set(questions).size).toBe(50);
  });

  it('sets and refreshes the TTL of the log and the summary on every write', async () => {
    const [one] = clients as [Redis];
    const store = new RedisConversationStore({ client: one, keyPrefix: 'ttl:', ttlMs: 60_000 });
    await store.append('t', [{ message: user('x'), at: 1 }]);
    expect(await store.saveSummary('t', { text: 's', upTo: 1 })).toBe(true);
    for (const key of ['ttl:t:log', 'ttl:t:summary']) {
      const pttl = await one.pttl(key);
      expect(pttl).toBeGreaterThan(0);
      expect(pttl).toBeLessThanOrEqual(60_000);
    }
    // Shorten both TTLs by hand: the next write must set them back to the full 60 s.
    for (const key of ['ttl:t:log', 'ttl:t:summary']) await one.pexpire(key, 5_000);
    await store.append('t', [{ message: user('y'), at: 2 }]);
    for (const key of ['ttl:t:log', 'ttl:t:summary']) {
      expect(await one.pttl(key)).toBeGreaterThan(5_000);
    }
    await one.pexpire('ttl:t:summary', 5_000);
    expect(await store.saveSummary('t', { text: 's2', upTo: 2 })).toBe(true);
    expect(await one.pttl('ttl:t:summary')).toBeGreaterThan(5_000);
  });

  it('keeps the summary covering the most entries and reads it back with the log', async () => {
    const [one, two] = clients as [Redis, Redis];
    const a = new RedisConversationStore({ client: one, keyPrefix: 'sum:' });
    const b = new RedisConversationStore({ client: two, keyPrefix: 'sum:' });
    expect(await a.saveSummary('s', { text: 'nothing yet', upTo: 1 })).toBe(false);
    await a.append(
      's',
      [1, 2, 3].map((n) => ({ message: user(`m${n}`), at: n })),
    );
    expect(await a.saveSummary('s', { text: 'first two', upTo: 2 })).toBe(true);
    expect(await b.saveSummary('s', { text: 'first one', upTo: 1 })).toBe(false);
    expect(await b.read('s')).toEqual({
      entries: [1, 2, 3].map((n) => ({ message: user(`m${n}`), at: n })),
      summary: { text: 'first two', upTo: 2 },
    });
  });

  it('lists, replaces (import) and deletes conversations under its prefix only', async () => {
    const [one] = clients as [Redis];
    const store = new RedisConversationStore({ client: one, keyPrefix: 'list:*odd[' });
    await store.append('a', [{ message: user('a'), at: 1 }]);
    await store.append('b:c', [{ message: user('b'), at: 1 }]);
    await one.set('list:other:log', 'not ours');
    expect((await store.ids()).sort()).toEqual(['a', 'b:c']);
    await store.replace('a', {
      entries: [{ message: user('new'), at: 2 }],
      summary: { text: 's', upTo: 1 },
    });
    expect(await store.read('a')).toEqual({
      entries: [{ message: user('new'), at: 2 }],
      summary: { text: 's', upTo: 1 },
    });
    await store.delete('a');
    expect(await store.read('a')).toBeUndefined();
    expect(await store.ids()).toEqual(['b:c']);
  });

  it('expires a conversation 24 h after its last write when no ttlMs is given', async () => {
    const [one] = clients as [Redis];
    const store = new RedisConversationStore({ client: one, keyPrefix: 'default-ttl:' });
    await store.append('t', [{ message: user('x'), at: 1 }]);
    expect(await store.saveSummary('t', { text: 's', upTo: 1 })).toBe(true);
    for (const key of ['default-ttl:t:log', 'default-ttl:t:summary']) {
      const pttl = await one.pttl(key);
      expect(pttl).toBeGreaterThan(0);
      expect(pttl).toBeLessThanOrEqual(24 * 3600_000);
    }
    const forever = new RedisConversationStore({
      client: one,
      keyPrefix: 'no-ttl:',
      ttlMs: Infinity,
    });
    await forever.append('t', [{ message: user('x'), at: 1 }]);
    expect(await one.pttl('no-ttl:t:log')).toBe(-1);
  });

  it('keeps at most 1,000 entries per conversation by default, dropping the oldest', async () => {
    const [one] = clients as [Redis];
    const store = new RedisConversationStore({ client: one, keyPrefix: 'default-cap:' });
    await store.append(
      'long',
      Array.from({ length: 1_001 }, (_, i) => ({ message: user(`m${i}`), at: i })),
    );
    expect(await one.llen('default-cap:long:log')).toBe(1_000);
    const stored = await store.read('long');
    expect(stored?.entries[0]?.message).toEqual(user('m1'));
    expect(stored?.entries[999]?.message).toEqual(user('m1000'));
  });

  it('trims past maxMessagesPerConversation like the in-memory store: system kept, tool call whole, summary shifted', async () => {
    const [one] = clients as [Redis];
    const store = new RedisConversationStore({
      client: one,
      keyPrefix: 'cap:',
      maxMessagesPerConversation: 4,
    });
    const system: Message = { role: 'system', content: 'rules' };
    const call: Message = {
      role: 'assistant',
      content: '',
      toolCalls: [{ id: 't1', name: 'weather', arguments: {}, rawArguments: '{}' }],
    };
    const result: Message = { role: 'tool', toolCallId: 't1', content: 'sunny' };
    await store.append(
      'c',
      [system, user('q1'), call, result].map((message) => ({ message, at: 1 })),
    );
    expect(await store.saveSummary('c', { text: 'q1 and the weather', upTo: 4 })).toBe(true);
    // Past 4, q1 goes; the call would go next, so its result goes with it rather than alone.
    await store.append('c', [{ message: user('q2'), at: 2 }]);
    await store.append('c', [{ message: { role: 'assistant', content: 'a2' }, at: 2 }]);
    expect(await store.read('c')).toEqual({
      entries: [system, user('q2'), { role: 'assistant', content: 'a2' }].map((message, i) => ({
        message,
        at: i === 0 ? 1 : 2,
      })),
      summary: { text: 'q1 and the weather', upTo: 1 },
    });
    expect(await one.llen('cap:c:log')).toBe(3);
  });

  it('rejects invalid options with one error listing each', () => {
    expect(
      () =>
        new RedisConversationStore({
          client: {} as never,
          ttlMs: 0,
          maxMessagesPerConversation: -5,
        }),
    ).toThrow(
      /Invalid RedisConversationStore options:\n {2}- client: .*\n {2}- ttlMs: .*\n {2}- maxMessagesPerConversation: must be a positive integer, or Infinity for no limit/,
    );
  });
});
