import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConduitValidationError } from '../../core/errors/conduit-validation.error';
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
