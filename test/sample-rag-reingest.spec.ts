import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { lastValueFrom } from 'rxjs';
import { getVectorStoreToken } from '../lib/rag/rag.tokens';
import type { VectorStore } from '../lib/rag/stores/vector-store';
import { DocsIngestService } from '../sample/rag/docs-ingest.service';
import type { IngestEvent } from '../sample/rag/ingest-event.types';
import { DOCS } from '../sample/rag/sample-rag.constants';
import { startSampleApp } from './sample/sample-app';

jest.setTimeout(60_000);

/** A Markdown file of `sections` headed sections, each too long to share a chunk with another. */
const markdown = (sections: number): string =>
  Array.from(
    { length: sections },
    (_, i) => `## Section ${i}\n\n${`Paragraph ${i} about ingestion. `.repeat(30)}\n`,
  ).join('\n');

describe('sample app: re-ingesting a folder (offline embedder)', () => {
  let app: INestApplication;
  let folder: string;
  let store: VectorStore;
  let ingest: () => Promise<IngestEvent>;

  beforeEach(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'conduit-reingest-'));
    ({ app } = await startSampleApp());
    store = app.get<VectorStore>(getVectorStoreToken(DOCS));
    const service = app.get(DocsIngestService);
    ingest = () => lastValueFrom(service.ingest(folder));
  });

  afterEach(async () => {
    await app.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('replaces the chunks of a file that got shorter or empty, and keeps the other files', async () => {
    const guide = path.join(folder, 'guide.md');
    const faq = path.join(folder, 'faq.md');
    const notes = path.join(folder, 'notes.md');
    writeFileSync(guide, markdown(6));
    writeFileSync(faq, markdown(2));
    writeFileSync(notes, markdown(3));
    const first = await ingest();
    const guideBefore = await store.count({ parentId: guide });
    const faqBefore = await store.count({ parentId: faq });
    expect(guideBefore).toBeGreaterThanOrEqual(6);
    expect(first).toEqual({ type: 'done', files: 3, chunks: await store.count() });

    writeFileSync(guide, markdown(2));
    writeFileSync(notes, '');
    const second = await ingest();

    const guideAfter = await store.count({ parentId: guide });
    expect(guideAfter).toBeLessThan(guideBefore);
    expect((await store.chunkIdsOf([guide])).sort()).toEqual(
      Array.from({ length: guideAfter }, (_, i) => `${guide}#${i}`).sort(),
    );
    expect(await store.count({ parentId: notes })).toBe(0);
    expect(await store.count({ parentId: faq })).toBe(faqBefore);
    expect(second).toEqual({ type: 'done', files: 3, chunks: await store.count() });
  });
});
