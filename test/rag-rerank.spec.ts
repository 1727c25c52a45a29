import { Injectable } from '@nestjs/common';
import { ChatService } from '../lib/chat/chat.service';
import { RagChain } from '../lib/rag/chain/rag-chain';
import { EmbeddingService } from '../lib/rag/embeddings/embedding.service';
import { HashedEmbeddingModel } from '../lib/rag/embeddings/hashed-embedding-model';
import { InjectRetriever, InjectVectorStore } from '../lib/rag/inject-vector-store.decorator';
import { RagModule } from '../lib/rag/rag.module';
import { TeiReranker } from '../lib/rag/rerank/tei-reranker';
import { Retriever } from '../lib/rag/retriever/retriever';
import { InMemoryVectorStore } from '../lib/rag/stores/in-memory-vector-store';
import { VectorStore } from '../lib/rag/stores/vector-store';
import { createConduitTestingModule } from '../lib/testing/create-conduit-testing-module';
import { MockChatModel } from '../lib/testing/mock-chat-model';
import { useReplayServer } from './support/replay-server';

const passages = [
  { id: 'mars', content: 'Mars is red because rust covers its surface.', metadata: {} },
  { id: 'bread', content: 'Yeast makes bread dough rise.', metadata: {} },
  { id: 'rain', content: 'Rain falls when cloud droplets grow too heavy.', metadata: {} },
];

@Injectable()
class KnowledgeService {
  constructor(
    @InjectVectorStore('docs') readonly store: VectorStore,
    @InjectRetriever('docs') readonly retriever: Retriever,
    readonly embeddings: EmbeddingService,
    readonly chat: ChatService,
  ) {}
}

describe('RagModule: a retriever registered with rerank (a TEI server replayed)', () => {
  const replay = useReplayServer();

  async function setup(): Promise<KnowledgeService> {
    const reranker = new TeiReranker({ baseUrl: replay.server.url, retry: { random: () => 0 } });
    const moduleRef = await createConduitTestingModule({
      models: { default: new MockChatModel({ responses: ['Yeast [1].'] }) },
      embeddingModels: { default: new HashedEmbeddingModel({ dimensions: 64 }) },
      imports: [
        RagModule.forRoot({
          stores: { docs: new InMemoryVectorStore({ dimensions: 64 }) },
          retrievers: { docs: { store: 'docs', k: 3, rerank: { reranker, topN: 1 } } },
        }),
      ],
      providers: [KnowledgeService],
    }).compile();
    const knowledge = moduleRef.get(KnowledgeService);
    await knowledge.store.add(await knowledge.embeddings.embedDocuments(passages));
    return knowledge;
  }

  it('sends the k candidates to the reranker and keeps its best topN, in RagChain too', async () => {
    // TEI scores by position in `texts`: whichever text mentions yeast wins.
    replay.server.respondWith((request) => {
      const texts = (request.body as { texts: string[] }).texts;
      const scores = texts.map((text, index) => ({
        index,
        score: text.includes('Yeast') ? 0.9 : 0.1,
      }));
      return { body: JSON.stringify(scores.sort((a, b) => b.score - a.score)) };
    });
    const knowledge = await setup();
    const found = await knowledge.retriever.retrieve('Why is Mars red?');
    expect(found).toEqual([
      { document: expect.objectContaining({ id: 'bread' }), score: 0.9, rank: 1 },
    ]);
    expect((replay.server.requests[0].body as { texts: string[] }).texts).toHaveLength(3);

    const chain = new RagChain(knowledge.chat, { retriever: knowledge.retriever });
    const answer = await chain.ask('Why is Mars red?');
    expect(answer.sources.map((source) => source.document.id)).toEqual(['bread']);
  });

  it('a reranker that keeps failing fails the retrieval with its typed error, after its retries', async () => {
    replay.server.respondWith(() => ({
      status: 503,
      body: '{"error":"overloaded","error_type":"Overloaded"}',
    }));
    const knowledge = await setup();
    await expect(knowledge.retriever.retrieve('Why is Mars red?')).rejects.toMatchObject({
      name: 'ServerError',
      provider: 'tei',
      status: 503,
    });
    expect(replay.server.requests).toHaveLength(3);
  });
});
