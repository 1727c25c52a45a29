import { Module, type DynamicModule } from '@nestjs/common';
import { InMemoryVectorStore, RagModule } from 'nestjs-conduit';
import { SAMPLE_EMBEDDING_DIMENSIONS } from '../choose-embedding-model';
import { DocsIngestService } from './docs-ingest.service';
import { DocsQaService } from './docs-qa.service';
import { RagController } from './rag.controller';
import { DOCS } from './sample-rag.constants';

/**
 * RAG over the repository's docs/: an in-memory vector store and a retriever (k = 4) registered
 * in `RagModule`, embedded with the `default` embedding model of ConduitModule.
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
          retrievers: { [DOCS]: { store: DOCS, k: 4 } },
        }),
      ],
      controllers: [RagController],
      providers: [DocsIngestService, DocsQaService],
      exports: [DocsIngestService, DocsQaService],
    };
  }
}
