import { Module, type DynamicModule } from '@nestjs/common';
import { InMemoryKeywordIndex, InMemoryVectorStore, RagModule } from 'nestjs-conduit';
import { SAMPLE_EMBEDDING_DIMENSIONS } from '../choose-embedding-model';
import { SAMPLE_BM25, SAMPLE_HYBRID } from '../eval/rag-eval-retrievers';
import { DocsIngestService } from './docs-ingest.service';
import { DocsQaService } from './docs-qa.service';
import { RagController } from './rag.controller';
import { DOCS, DOCS_KEYWORDS, DOCS_VECTORS } from './sample-rag.constants';

/**
 * RAG over the repository's docs/: an in-memory vector store (embedded with the `default`
 * embedding model of ConduitModule) and a BM25 keyword index over the same chunks, registered in
 * `RagModule`. The default retriever (`docs`, k = 4) is the hybrid of both (weighted fusion, the
 * vectors at 0.3): it scored best on the held-out half of the sample's retrieval test set
 * (`npm run sample:eval-rag`, docs/rag.md), just ahead of BM25 alone and far ahead of the offline
 * hashed vectors alone. `docs-vectors` and `docs-keywords` are its two members.
 */
@Module({})
export class SampleRagModule {
  /** A fresh (empty) store per application. */
  static forRoot(): DynamicModule {
    return {
      module: SampleRagModule,
      imports: [
        RagModule.forFeature({
          stores: { [DOCS]: new InMemoryVectorStore({ dimensions: SAMPLE_EMBEDDING_DIMENSIONS }) },
          keywordIndexes: { [DOCS]: new InMemoryKeywordIndex(SAMPLE_BM25) },
          retrievers: {
            [DOCS_VECTORS]: { store: DOCS, k: 4 },
            [DOCS_KEYWORDS]: { keywordIndex: DOCS, k: 4 },
            [DOCS]: { hybrid: [DOCS_VECTORS, DOCS_KEYWORDS], ...SAMPLE_HYBRID, k: 4 },
          },
        }),
      ],
      controllers: [RagController],
      providers: [DocsIngestService, DocsQaService],
      exports: [DocsIngestService, DocsQaService],
    };
  }
}
