import { InMemoryResponseCacheStore } from './in-memory-response-cache.store';

describe('InMemoryResponseCacheStore', () => {
  it('returns what was stored until the TTL passes', async () => {
    let now = 1000;
    const store = new InMemoryResponseCacheStore({ now: () => now });
    await store.set('k', 'v', 500);
    now = 1499;
    expect(await store.get('k')).toBe('v');
    now = 1500;
    expect(await store.get('k')).toBeUndefined();
    expect(store.size).toBe(0);
  });

  it('evicts the least recently used entry beyond maxEntries', async () => {
    const store = new InMemoryResponseCacheStore({ maxEntries: 2 });
    await store.set('a', '1', 60_000);
    await store.set('b', '2', 60_000);
    await store.get('a'); // a is now the most recently used
    await store.set('c', '3', 60_000);
    expect(await store.get('b')).toBeUndefined();
    expect(await store.get('a')).toBe('1');
    expect(await store.get('c')).toBe('3');
  });

  it('keeps the total of key and value bytes under maxBytes, evicting the oldest', async () => {
    const store = new InMemoryResponseCacheStore({ maxBytes: 20 });
    await store.set('a', '12345678', 60_000); // 9 bytes
    await store.set('b', '12345678', 60_000); // 18 bytes in all
    await store.set('c', 'é'.repeat(4), 60_000); // 1 + 8 bytes: 27 > 20, so a goes
    expect(store.sizeInBytes).toBe(18);
    expect(await store.get('a')).toBeUndefined();
    expect(await store.get('b')).toBe('12345678');
    expect(await store.get('c')).toBe('éééé');
  });

  it('drops expired entries before live ones when room is needed', async () => {
    let now = 0;
    const store = new InMemoryResponseCacheStore({ maxEntries: 2, now: () => now });
    await store.set('old-live', '1', 10_000);
    await store.set('short', '2', 10);
    now = 100;
    await store.set('new', '3', 10_000);
    expect(await store.get('old-live')).toBe('1');
    expect(await store.get('new')).toBe('3');
  });

  it('never stores an entry larger than the whole budget, and replaces on set', async () => {
    const store = new InMemoryResponseCacheStore({ maxBytes: 10 });
    await store.set('k', 'x'.repeat(20), 60_000);
    expect(store.size).toBe(0);
    await store.set('k', 'one', 60_000);
    await store.set('k', 'two', 60_000);
    expect(store.size).toBe(1);
    expect(store.sizeInBytes).toBe(4);
    expect(await store.get('k')).toBe('two');
    await store.delete('k');
    expect(await store.get('k')).toBeUndefined();
    expect(store.sizeInBytes).toBe(0);
  });
});
