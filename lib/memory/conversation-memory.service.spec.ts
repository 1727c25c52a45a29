import { ConduitValidationError, type Message } from '../core';
import { ConversationMemoryService } from './conversation-memory.service';
import { InMemoryConversationStore } from './in-memory-conversation.store';
import { WindowedMemoryStrategy } from './windowed-memory.strategy';

const hi: Message = { role: 'user', content: 'Hi' };
const hello: Message = { role: 'assistant', content: 'Hello!' };

class ClockedStore extends InMemoryConversationStore {
  time = 1_000;
  protected override now(): number {
    return this.time;
  }
}

class ClockedMemory extends ConversationMemoryService {
  protected override now(): number {
    return 42;
  }
}

describe('ConversationMemoryService', () => {
  it('appends, loads, lists and clears conversations by id', async () => {
    const memory = new ConversationMemoryService();
    await memory.append('a', [hi, hello]);
    await memory.append('b', [hi]);
    expect(await memory.load('a')).toEqual([hi, hello]);
    expect((await memory.list()).sort()).toEqual(['a', 'b']);
    await memory.clear('a');
    expect(await memory.load('a')).toEqual([]);
    expect(await memory.list()).toEqual(['b']);
  });

  it('loads the strategy view but keeps every entry in the log', async () => {
    const memory = new ConversationMemoryService({
      strategy: new WindowedMemoryStrategy({ maxMessages: 1 }),
    });
    await memory.append('a', [hi, hello]);
    expect(await memory.load('a')).toEqual([hello]);
    expect((await memory.entries('a')).map((e) => e.message)).toEqual([hi, hello]);
  });

  it('marks only the last message of an interrupted append', async () => {
    const memory = new ClockedMemory();
    await memory.append('a', [hi, { role: 'assistant', content: 'Hel' }], {
      interrupted: { reason: 'aborted', error: 'AbortedError' },
    });
    expect(await memory.entries('a')).toEqual([
      { message: hi, at: 42 },
      {
        message: { role: 'assistant', content: 'Hel' },
        at: 42,
        interrupted: { reason: 'aborted', error: 'AbortedError' },
      },
    ]);
  });

  it('exports a conversation as JSON and imports it back, under its id or another', async () => {
    const memory = new ClockedMemory();
    await memory.append('a', [hi, hello]);
    const json = JSON.stringify(await memory.export('a'));
    expect(JSON.parse(json)).toEqual({
      format: 'nestjs-conduit/conversation',
      version: 1,
      conversationId: 'a',
      entries: [
        { message: hi, at: 42 },
        { message: hello, at: 42 },
      ],
    });
    const other = new ConversationMemoryService();
    expect(await other.import(JSON.parse(json))).toBe('a');
    expect(await other.load('a')).toEqual([hi, hello]);
    expect(await other.import(JSON.parse(json), 'copy')).toBe('copy');
    expect(await other.entries('copy')).toEqual(await other.entries('a'));
  });

  it('rejects a malformed export listing every problem, and stores nothing', async () => {
    const memory = new ConversationMemoryService();
    const bad = {
      format: 'something-else',
      version: 2,
      conversationId: 'x',
      entries: [{ message: { role: 'robot', content: 'x' }, at: 'noon' }, 'nope'],
      summary: { text: 's', upTo: 9 },
    };
    const error = await memory.import(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConduitValidationError);
    expect((error as ConduitValidationError).issues.map((i) => i.path)).toEqual([
      'format',
      'version',
      'entries[0].message.role',
      'entries[0].at',
      'entries[1]',
      'summary',
    ]);
    expect(await memory.list()).toEqual([]);
  });

  it('rejects an empty conversation id and invalid messages', async () => {
    const memory = new ConversationMemoryService();
    await expect(memory.load('')).rejects.toThrow(/conversationId: must be a non-empty string/);
    await expect(
      memory.append('a', [{ role: 'tool', content: 'x' } as unknown as Message]),
    ).rejects.toThrow(ConduitValidationError);
  });
});

describe('InMemoryConversationStore', () => {
  it('forgets a conversation ttlMs after its last write', async () => {
    const store = new ClockedStore({ ttlMs: 100 });
    const memory = new ConversationMemoryService({ store });
    await memory.append('a', [hi]);
    store.time += 99;
    await memory.append('a', [hello]); // sliding: the TTL restarts
    store.time += 99;
    expect(await memory.load('a')).toEqual([hi, hello]);
    store.time += 1;
    expect(await memory.load('a')).toEqual([]);
    expect(await memory.list()).toEqual([]);
  });

  it('keeps the summary that covers the most entries', async () => {
    const store = new InMemoryConversationStore();
    expect(await store.saveSummary('a', { text: 'x', upTo: 1 })).toBe(false);
    await store.append('a', [
      { message: hi, at: 1 },
      { message: hello, at: 1 },
    ]);
    expect(await store.saveSummary('a', { text: 'two', upTo: 2 })).toBe(true);
    expect(await store.saveSummary('a', { text: 'one', upTo: 1 })).toBe(false);
    expect((await store.read('a'))?.summary).toEqual({ text: 'two', upTo: 2 });
  });
});
