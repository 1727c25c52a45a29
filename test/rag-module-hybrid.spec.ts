import { Injectable } from '@nestjs/common';
import type { TestingModule } from '@nestjs/testing';
import { ConduitValidationError } from '../lib/core/errors/conduit-validation.error';
import { ChatService } from '../lib/chat/chat.service';
import { RagChain } from '../lib/rag/chain/rag-chain';
import { EmbeddingService } from '../lib/rag/embeddings/embedding.service';
import { HashedEmbeddingModel } from '../lib/rag/embeddings/hashed-embedding-model';
import { InjectKeywordIndex } from '../lib/rag/inject-keyword-index.decorator';
import { InjectRetriever, InjectVectorStore } from '../lib/rag/inject-vector-store.decorator';
import { InMemoryKeywordIndex } from '../lib/rag/keyword/in-memory-keyword-index';
import { KeywordIndex } from '../lib/rag/keyword/keyword-index';
import { RagModule } from '../lib/rag/rag.module';
import type { DocumentRetriever } from '../lib/rag/retriever/document-retriever';
import { HybridRetriever } from '../lib/rag/retriever/hybrid-retriever';
import { KeywordRetriever } from '../lib/rag/retriever/keyword-retriever';
import { InMemoryVectorStore } from '../lib/rag/stores/in-memory-vector-store';
import { VectorStore } from '../lib/rag/stores/vector-store';
import { createConduitTestingModule } from '../lib/testing/create-conduit-testing-module';
import { MockChatModel } from '../lib/testing/mock-chat-model';

const passages = [
  {
    id: 'retry',
    content: 'Retries wait with exponential backoff after a 429 from the provider.',
    metadata: { topic: 'resilience' },
  },
  {
    id: 'circuit',
    content: 'A circuit breaker stops calling a provider that keeps failing.',
    metadata: { topic: 'resilience' },
  },
  {
    id: 'stream',
    content: 'Streaming sends text deltas as server-sent events.',
    metadata: { topic: 'streaming' },
  },
];

@Injectable()
class KnowledgeService {
  constructor(
    @InjectVectorStore('docs') readonly store: VectorStore,
    @InjectKeywordIndex('docs') readonly keywords: KeywordIndex,
    @InjectRetriever('keywords') readonly keywordRetriever: DocumentRetriever,
    @InjectRetriever('hybrid') readonly hybrid: DocumentRetriever,
    readonly embeddings: EmbeddingService,
    readonly chat: ChatService,
  ) {}

  async ingest(): Promise<void> {
    await this.store.upsertDocuments(await this.embeddings.embedDocuments(passages));
    await this.keywords.upsertDocuments(passages);
  }
}

describe('RagModule with keyword indexes and hybrid retrievers', () => {
  let moduleRef: TestingModule;

  beforeEach(async () => {
    moduleRef = await createConduitTestingModule({
      models: { default: new MockChatModel({ respond: () => 'It backs off [1].' }) },
      embeddingModels: { default: new HashedEmbeddingModel() },
      imports: [
        RagModule.forRoot({
          stores: { docs: new InMemoryVectorStore({ dimensions: 384 }) },
          keywordIndexes: { docs: { useFactory: () => new InMemoryKeywordIndex() } },
          retrievers: {
            vectors: { store: 'docs', k: 3 },
            keywords: { keywordIndex: 'docs', k: 3 },
            hybrid: { hybrid: ['vectors', 'keywords'], k: 2, fusion: 'rrf' },
          },
        }),
      ],
      providers: [KnowledgeService],
    }).compile();
  });

  afterEach(() => moduleRef.close());

  it('injects the named keyword index and the keyword and hybrid retrievers, which find what was ingested', async () => {
    const knowledge = moduleRef.get(KnowledgeService);
    expect(knowledge.keywords).toBeInstanceOf(InMemoryKeywordIndex);
    expect(knowledge.keywordRetriever).toBeInstanceOf(KeywordRetriever);
    expect(knowledge.hybrid).toBeInstanceOf(HybridRetriever);
    await knowledge.ingest();
    const keyword = await knowledge.keywordRetriever.retrieve('exponential backoff');
    expect(keyword.map((hit) => hit.document.id)).toEqual(['retry']);
    const hybrid = await knowledge.hybrid.retrieve('exponential backoff after a 429', {
      filter: { topic: 'resilience' },
    });
    expect(hybrid[0]?.document.id).toBe('retry');
    expect(hybrid.every((hit) => hit.document.metadata['topic'] === 'resilience')).toBe(true);
  });

  it('a RagChain takes the hybrid retriever', async () => {
    const knowledge = moduleRef.get(KnowledgeService);
    await knowledge.ingest();
    const chain = new RagChain(knowledge.chat, { retriever: knowledge.hybrid });
    const answer = await chain.ask('How do retries back off?');
    expect(answer.sources[0]?.document.id).toBe('retry');
  });
});

describe('RagModule hybrid registrations', () => {
  it('rejects a hybrid retriever that includes itself, listing every problem', () => {
    let error: unknown;
    try {
      RagModule.forRoot({
        retrievers: {
          a: { hybrid: ['b'] },
          b: { hybrid: ['a'] },
          c: { hybrid: [] },
        },
      });
    } catch (caught: unknown) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConduitValidationError);
    expect((error as ConduitValidationError).issues.map((issue) => issue.path)).toEqual([
      'retrievers.a.hybrid',
      'retrievers.b.hybrid',
      'retrievers.c.hybrid',
    ]);
  });
});
