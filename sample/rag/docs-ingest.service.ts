import { readdir } from 'node:fs/promises';
import * as path from 'node:path';
import { Injectable } from '@nestjs/common';
import {
  EmbeddingService,
  InjectKeywordIndex,
  InjectVectorStore,
  KeywordIndex,
  MarkdownFileLoader,
  MarkdownTextSplitter,
  VectorStore,
  type Document,
} from 'nestjs-conduit';
import { defer, from, map, mergeMap, type Observable } from 'rxjs';
import type { IngestEvent } from './ingest-event.types';
import { DOCS } from './sample-rag.constants';

/**
 * Ingests a folder of Markdown files into the `docs` vector store and keyword index: load, split
 * by heading, embed in batches (progress after each batch), store with `upsertDocuments` in both. Re-ingesting a file
 * replaces all of its chunks: a file that got shorter (or empty) leaves none of its old ones.
 * Each chunk's `source` is its file's path relative to the folder (`guide/install.md`).
 */
@Injectable()
export class DocsIngestService {
  private readonly splitter = new MarkdownTextSplitter({ chunkSize: 1200, chunkOverlap: 150 });

  constructor(
    private readonly embeddings: EmbeddingService,
    @InjectVectorStore(DOCS) private readonly store: VectorStore,
    @InjectKeywordIndex(DOCS) private readonly keywords: KeywordIndex,
  ) {}

  /** Cold: nothing is read until subscription; unsubscribing aborts the embedding calls. */
  ingest(folder: string): Observable<IngestEvent> {
    return defer(() => from(this.chunksOf(folder))).pipe(
      mergeMap(({ documentIds, chunks }) =>
        this.embeddings
          .embedWithProgress(
            chunks.map((chunk) => chunk.content),
            { batchSize: 16 },
          )
          .pipe(
            mergeMap((event) => {
              if (event.type === 'progress') {
                const progress: IngestEvent = {
                  type: 'progress',
                  embeddedChunks: event.completedTexts,
                  totalChunks: event.totalTexts,
                };
                return [progress];
              }
              const records = chunks.map((chunk, index) => ({
                ...chunk,
                vector: event.embeddings[index] ?? [],
              }));
              const done: IngestEvent = {
                type: 'done',
                files: documentIds.length,
                chunks: chunks.length,
              };
              const stored = Promise.all([
                this.store.upsertDocuments(records, documentIds),
                this.keywords.upsertDocuments(chunks, documentIds),
              ]);
              return from(stored).pipe(map(() => done));
            }),
          ),
      ),
    );
  }

  private async chunksOf(folder: string): Promise<{ documentIds: string[]; chunks: Document[] }> {
    const names = await readdir(folder, { recursive: true });
    const paths = names
      .filter((name) => name.endsWith('.md'))
      .sort()
      .map((name) => path.join(folder, name));
    const loaded = await new MarkdownFileLoader(paths).load();
    // The source is what answers quote (and what the model reads beside each passage): relative
    // to the folder, so an answer does not give away where the server keeps its files. The id
    // stays the full path, so two folders with a file of the same name never replace each other.
    const documents = loaded.map((document) => ({
      ...document,
      metadata: { ...document.metadata, source: relativeSource(folder, document.id) },
    }));
    return {
      documentIds: documents.map((document) => document.id),
      chunks: this.splitter.splitDocuments(documents),
    };
  }
}

/** `file` relative to `folder`, with `/` separators on every platform. */
function relativeSource(folder: string, file: string): string {
  return path.relative(folder, file).split(path.sep).join('/');
}
