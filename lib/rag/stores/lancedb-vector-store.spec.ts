import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConduitValidationError } from '../../core/errors/conduit-validation.error';
import type { VectorRecord } from '../document.types';
import { LanceDbVectorStore } from './lancedb-vector-store';

let directory: string;
beforeAll(() => (directory = mkdtempSync(join(tmpdir(), 'conduit-lance-'))));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('LanceDbVectorStore', () => {
  it('persists: a new connection to the same directory sees the records', async () => {
    const uri = join(directory, 'persist');
    const first = await LanceDbVectorStore.connect({
      uri,
      dimensions: 2,
      metadataColumns: { kind: 'string' },
    });
    await first.add([
      { id: 'a', content: 'A', metadata: { kind: 'x', note: 'kept as JSON' }, vector: [1, 0] },
      { id: 'b', content: 'B', metadata: { kind: 'y' }, vector: [0, 1] },
    ]);
    const second = await LanceDbVectorStore.connect({
      uri,
      dimensions: 2,
      metadataColumns: { kind: 'string' },
    });
    expect(await second.count()).toBe(2);
    const [hit] = await second.search([0, 1], 1, { kind: 'y' });
    expect(hit.document).toEqual({ id: 'b', content: 'B', metadata: { kind: 'y' } });
    expect((await second.search([1, 0], 1))[0].document.metadata).toEqual({
      kind: 'x',
      note: 'kept as JSON',
    });
  });

  it('adds and upserts records that lack a declared metadata column (stored as NULL)', async () => {
    const store = await LanceDbVectorStore.connect({
      uri: join(directory, 'sparse'),
      dimensions: 2,
      metadataColumns: { kind: 'string', year: 'number', draft: 'boolean' },
    });
    await store.add([
      { id: 'a', content: 'A', metadata: { kind: 'x', draft: true }, vector: [1, 0] },
    ]);
    await store.add([{ id: 'c', content: 'C', metadata: {}, vector: [1, 1] }]);
    await store.upsert([
      { id: 'a', content: 'A2', metadata: { year: 2024 }, vector: [1, 0] },
      { id: 'b', content: 'B', metadata: {}, vector: [0, 1] },
    ]);
    expect(await store.count()).toBe(3);
    expect(await store.count({ year: 2024 })).toBe(1);
    expect(await store.count({ kind: 'x' })).toBe(0);
    expect(await store.count({ draft: true })).toBe(0);
    expect(await store.count({ draft: { $ne: true } })).toBe(3);
    expect((await store.search([1, 0], 1))[0].document).toEqual({
      id: 'a',
      content: 'A2',
      metadata: { year: 2024 },
    });
  });

  it('re-ingests documents through a declared parentId column too', async () => {
    const store = await LanceDbVectorStore.connect({
      uri: join(directory, 'parent-column'),
      dimensions: 2,
      metadataColumns: { parentId: 'string' },
    });
    const chunk = (parent: string, index: number): VectorRecord => ({
      id: `${parent}#${index}`,
      content: `${parent} ${index}`,
      metadata: { parentId: parent, chunkIndex: index },
      vector: [1, index],
    });
    await store.upsertDocuments([chunk('a', 0), chunk('a', 1), chunk('a', 2), chunk("b'", 0)]);

    expect(await store.upsertDocuments([chunk('a', 0)])).toBe(2);

    expect(await store.chunkIdsOf(['a'])).toEqual(['a#0']);
    expect(await store.chunkIdsOf(["b'"])).toEqual(["b'#0"]);
    expect(await store.count({ parentId: 'a' })).toBe(1);
  });

  it('rejects a filter on a field that is not a metadata column, naming the fix', async () => {
    const store = await LanceDbVectorStore.connect({
      uri: join(directory, 'undeclared'),
      dimensions: 2,
    });
    await expect(store.search([1, 0], 1, { lang: 'en' })).rejects.toThrow(
      /declare it in metadataColumns/,
    );
  });

  it('rejects reserved column names', async () => {
    await expect(
      LanceDbVectorStore.connect({
        uri: join(directory, 'reserved'),
        dimensions: 2,
        metadataColumns: { vector: 'string' },
      }),
    ).rejects.toThrow(ConduitValidationError);
  });
});
