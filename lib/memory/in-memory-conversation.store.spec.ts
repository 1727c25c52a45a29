import { ConduitValidationError, type Message } from '../core';
import type { ConversationEntry } from './conversation.types';
import { InMemoryConversationStore } from './in-memory-conversation.store';

/** The store on a clock the test moves by hand. */
class ClockedStore extends InMemoryConversationStore {
  time = 1_000;
  protected override now(): number {
    return this.time;
  }
  /** How many conversations the Map holds, expired ones included: what the process keeps. */
  get held(): number {
    return this.conversations.size;
  }
}

const entry = (message: Message): ConversationEntry => ({ message, at: 1 });
const user = (text: string): ConversationEntry => entry({ role: 'user', content: text });
const assistant = (text: string): ConversationEntry => entry({ role: 'assistant', content: text });
const system = (text: string): ConversationEntry => entry({ role: 'system', content: text });
const texts = (entries: readonly ConversationEntry[] | undefined): unknown[] =>
  (entries ?? []).map((e) => e.message.content);

describe('InMemoryConversationStore bounds', () => {
  it('is bounded by default: 10,000 conversations, 1,000 entries each, 24 h TTL', async () => {
    const store = new ClockedStore();
    for (let i = 0; i <= 10_000; i++) await store.append(`c${i}`, [user(`${i}`)]);
    expect(store.held).toBe(10_000);
    expect(await store.read('c0')).toBeUndefined();

    await store.append(
      'long',
      Array.from({ length: 1_001 }, (_, i) => user(`${i}`)),
    );
    expect((await store.read('long'))?.entries).toHaveLength(1_000);

    store.time += 24 * 3600_000 - 1;
    expect(await store.read('long')).toBeDefined();
    store.time += 1;
    expect(await store.read('long')).toBeUndefined();
  });

  it('forgets the least recently written conversation past maxConversations', async () => {
    const store = new ClockedStore({ maxConversations: 3 });
    await store.append('a', [user('a')]);
    await store.append('b', [user('b')]);
    await store.append('c', [user('c')]);
    await store.append('a', [user('a again')]); // a is now the most recently written
    await store.append('d', [user('d')]);
    expect((await store.ids()).sort()).toEqual(['a', 'c', 'd']);
    expect(await store.read('b')).toBeUndefined();
    expect(texts((await store.read('a'))?.entries)).toEqual(['a', 'a again']);
    expect(store.held).toBe(3);
  });

  it('drops the oldest entries past maxMessagesPerConversation, keeping the leading system messages', async () => {
    const store = new ClockedStore({ maxMessagesPerConversation: 4 });
    await store.append('a', [system('rules'), user('q1'), assistant('a1')]);
    await store.append('a', [user('q2'), assistant('a2')]);
    expect(texts((await store.read('a'))?.entries)).toEqual(['rules', 'a1', 'q2', 'a2']);
    await store.append('a', [user('q3'), assistant('a3')]);
    expect(texts((await store.read('a'))?.entries)).toEqual(['rules', 'a2', 'q3', 'a3']);
  });

  it('never keeps a tool result without its call when trimming', async () => {
    const store = new ClockedStore({ maxMessagesPerConversation: 2 });
    const call = entry({
      role: 'assistant',
      content: '',
      toolCalls: [{ id: 't1', name: 'weather', arguments: {}, rawArguments: '{}' }],
    });
    const result = entry({ role: 'tool', toolCallId: 't1', content: 'sunny' });
    await store.append('a', [user('q1'), call, result, assistant('sunny it is')]);
    // Dropping just q1 and the call would leave the result first: it goes with its call.
    expect(texts((await store.read('a'))?.entries)).toEqual(['sunny it is']);
  });

  it('shifts the summary by the entries trimmed before its end', async () => {
    const store = new ClockedStore({ maxMessagesPerConversation: 4 });
    await store.append('a', [user('q1'), assistant('a1'), user('q2'), assistant('a2')]);
    expect(await store.saveSummary('a', { text: 'q1/a1/q2', upTo: 3 })).toBe(true);
    await store.append('a', [user('q3')]);
    const stored = await store.read('a');
    expect(texts(stored?.entries)).toEqual(['a1', 'q2', 'a2', 'q3']);
    // It stood for q1, a1, q2; q1 is gone, so it now stands for the first two kept entries.
    expect(stored?.summary).toEqual({ text: 'q1/a1/q2', upTo: 2 });
  });

  it('trims an imported conversation to the limit too', async () => {
    const store = new ClockedStore({ maxMessagesPerConversation: 2 });
    await store.replace('a', { entries: [user('1'), user('2'), user('3')] });
    expect(texts((await store.read('a'))?.entries)).toEqual(['2', '3']);
  });

  it('forgets a conversation ttlMs after its last write, and frees it without being read', async () => {
    const store = new ClockedStore({ ttlMs: 100 });
    await store.append('old', [user('x')]);
    store.time += 60;
    await store.append('new', [user('y')]);
    store.time += 40;
    // 'old' is 100 ms past its write: the next write elsewhere drops it from the Map.
    await store.append('new', [user('z')]);
    expect(store.held).toBe(1);
    expect(await store.ids()).toEqual(['new']);
    store.time += 99;
    expect(texts((await store.read('new'))?.entries)).toEqual(['y', 'z']);
    store.time += 1;
    expect(await store.read('new')).toBeUndefined();
  });

  it('lifts a bound given as Infinity', async () => {
    const store = new ClockedStore({ maxConversations: Infinity, ttlMs: Infinity });
    await store.append('a', [user('a')]);
    store.time += 365 * 24 * 3600_000;
    expect(await store.read('a')).toBeDefined();
  });

  it('rejects invalid bounds with one error listing each', () => {
    expect(
      () =>
        new InMemoryConversationStore({
          maxConversations: 0,
          maxMessagesPerConversation: 1.5,
          ttlMs: -1,
        }),
    ).toThrow(
      new ConduitValidationError(
        [
          {
            path: 'maxConversations',
            message: 'must be a positive integer, or Infinity for no limit',
          },
          {
            path: 'maxMessagesPerConversation',
            message: 'must be a positive integer, or Infinity for no limit',
          },
          { path: 'ttlMs', message: 'must be a positive integer, or Infinity for no limit' },
        ],
        'Invalid InMemoryConversationStore options',
      ).message,
    );
  });
});
