import { Injectable } from '@nestjs/common';
import type { TestingModule } from '@nestjs/testing';
import { lastValueFrom, toArray } from 'rxjs';
import { ServerError } from '../lib/core/errors/server.error';
import type { EmbedRequest } from '../lib/core/chat-options.types';
import type { EmbeddingModel, EmbeddingResponse } from '../lib/core/embedding-model.interface';
import { RetryInterceptor } from '../lib/interceptors/built-in/retry.interceptor';
import { ChatService } from '../lib/chat/chat.service';
import { RagChain } from '../lib/rag/chain/rag-chain';
import type { RagSourcesEvent } from '../lib/rag/chain/rag-chain-options.types';
import { EmbeddingService } from '../lib/rag/embeddings/embedding.service';
import type { EmbeddingProgressEvent } from '../lib/rag/embeddings/embedding-progress.types';
import { HashedEmbeddingModel } from '../lib/rag/embeddings/hashed-embedding-model';
import { InjectRetriever, InjectVectorStore } from '../lib/rag/inject-vector-store.decorator';
import { RagModule } from '../lib/rag/rag.module';
import { Retriever } from '../lib/rag/retriever/retriever';
import { InMemoryVectorStore } from '../lib/rag/stores/in-memory-vector-store';
import { VectorStore } from '../lib/rag/stores/vector-store';
import { ToolExecutor } from '../lib/tools/tool-executor';
import { ToolRegistry } from '../lib/tools/tool.registry';
import { createConduitTestingModule } from '../lib/testing/create-conduit-testing-module';
import { MockChatModel } from '../lib/testing/mock-chat-model';

const passages = [
  {
    id: 'mars',
    content: 'Mars is the red planet because rust covers its surface.',
    metadata: { topic: 'space' },
  },
  {
    id: 'bread',
    content: 'Yeast makes bread dough rise by releasing carbon dioxide.',
    metadata: { topic: 'food' },
  },
  {
    id: 'rain',
    content: 'Rain falls when cloud droplets grow too heavy.',
    metadata: { topic: 'weather' },
  },
];

@Injectable()
class KnowledgeService {
  constructor(
    @InjectVectorStore('docs') readonly store: VectorStore,
    @InjectRetriever('docs') readonly retriever: Retriever,
    readonly embeddings: EmbeddingService,
    readonly chat: ChatService,
  ) {}

  async ingest(): Promise<void> {
    await this.store.add(await this.embeddings.embedDocuments(passages, { batchSize: 2 }));
  }
}

/** An embedding model that fails its first `failures` calls with a retryable 503. */
class FlakyEmbeddingModel implements EmbeddingModel {
  readonly specificationVersion = 'v1' as const;
  readonly maxBatchSize = 2;
  readonly batches: string[][] = [];
  private readonly inner = new HashedEmbeddingModel({ dimensions: 16 });
  inFlight = 0;
  maxInFlight = 0;
  attempts = 0;

  constructor(private failures: number) {}

  info(): ReturnType<EmbeddingModel['info']> {
    return this.inner.info();
  }

  async embed(request: EmbedRequest): Promise<EmbeddingResponse> {
    this.attempts++;
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      // Yield so that concurrent batches really overlap.
      await new Promise((resolve) => setImmediate(resolve));
      if (this.failures > 0) {
        this.failures--;
        throw new ServerError('overloaded', { provider: 'flaky', status: 503 });
      }
      this.batches.push([...request.texts]);
      return await this.inner.embed(request);
    } finally {
      this.inFlight--;
    }
  }
}

describe('RagModule (real Nest wiring through ConduitModule)', () => {
  let moduleRef: TestingModule;
  let chatModel: MockChatModel;

  beforeEach(async () => {
    chatModel = new MockChatModel({ respond: () => 'Mars is red because of rust [1].' });
    moduleRef = await createConduitTestingModule({
      models: { default: chatModel },
      embeddingModels: { default: new HashedEmbeddingModel() },
      imports: [
        RagModule.forRoot({
          stores: { docs: { useFactory: () => new InMemoryVectorStore({ dimensions: 384 }) } },
          retrievers: { docs: { store: 'docs', k: 2 } },
        }),
      ],
      providers: [KnowledgeService],
    }).compile();
  });

  afterEach(() => moduleRef.close());

  it('injects the named store and retriever, and the retriever finds what was ingested', async () => {
    const knowledge = moduleRef.get(KnowledgeService);
    expect(knowledge.store).toBeInstanceOf(InMemoryVectorStore);
    await knowledge.ingest();
    expect(await knowledge.store.count()).toBe(3);
    const found = await knowledge.retriever.retrieve('why is the red planet red?');
    expect(found).toHaveLength(2);
    expect(found[0]).toMatchObject({ rank: 1, document: { id: 'mars' } });
  });

  it('answers with a RagChain: the prompt holds the context and the question; sources, scores, usage come back', async () => {
    const knowledge = moduleRef.get(KnowledgeService);
    await knowledge.ingest();
    const chain = new RagChain(knowledge.chat, {
      retriever: knowledge.retriever,
      template: 'CONTEXT:\n{context}\nQ: {question}',
      retrieval: { k: 1 },
    });
    const result = await chain.ask('Why is Mars red? {context}');
    expect(result.answer).toBe('Mars is red because of rust [1].');
    expect(result.sources.map((source) => source.document.id)).toEqual(['mars']);
    expect(result.sources[0].score).toBeGreaterThan(0.2);
    expect(result.usage.outputTokens).toBeGreaterThan(0);
    expect(chatModel.lastRequest?.messages).toEqual([
      {
        role: 'user',
        content: `CONTEXT:\n[1] (mars)\n${passages[0].content}\nQ: Why is Mars red? {context}`,
      },
    ]);
  });

  it('streams the sources first, then the model events', async () => {
    const knowledge = moduleRef.get(KnowledgeService);
    await knowledge.ingest();
    const chain = new RagChain(knowledge.chat, { retriever: knowledge.retriever });
    const events = await lastValueFrom(chain.stream('What makes bread rise?').pipe(toArray()));
    expect(events[0].type).toBe('sources');
    expect((events[0] as RagSourcesEvent).sources[0].document.id).toBe('bread');
    const text = events
      .flatMap((event) => (event.type === 'text-delta' ? [event.delta] : []))
      .join('');
    expect(text).toBe('Mars is red because of rust [1].');
    expect(events.at(-1)!.type).toBe('finish');
  });

  it('works as a tool: registered in ToolRegistry and run by ToolExecutor', async () => {
    const knowledge = moduleRef.get(KnowledgeService);
    await knowledge.ingest();
    const chain = new RagChain(knowledge.chat, {
      retriever: knowledge.retriever,
      retrieval: { k: 1 },
    });
    moduleRef.get(ToolRegistry).add(chain.asTool({ name: 'kb' }));
    const result = await moduleRef.get(ToolExecutor).execute({
      id: 'call_1',
      name: 'kb',
      arguments: { question: 'Why does rain fall?' },
      rawArguments: '{"question":"Why does rain fall?"}',
    });
    expect(result.isError).toBe(false);
    expect(JSON.parse(result.content)).toEqual({
      answer: 'Mars is red because of rust [1].',
      sources: [{ id: 'rain', source: 'rain', score: expect.any(Number) }],
    });
    const invalid = await moduleRef.get(ToolExecutor).execute({
      id: 'call_2',
      name: 'kb',
      arguments: {},
      rawArguments: '{}',
    });
    expect(invalid.isError).toBe(true);
    expect(invalid.content).toContain('question');
  });
});

describe('EmbeddingService (batching, concurrency, retries through the interceptor chain, progress)', () => {
  async function serviceWith(
    model: EmbeddingModel,
  ): Promise<{ service: EmbeddingService; close: () => Promise<void> }> {
    const moduleRef = await createConduitTestingModule({
      embeddingModels: { default: model },
      interceptors: [new RetryInterceptor({ maxAttempts: 3, initialDelayMs: 0, maxDelayMs: 0 })],
      imports: [RagModule.forRoot()],
    }).compile();
    return { service: moduleRef.get(EmbeddingService), close: () => moduleRef.close() };
  }

  it('cuts texts into batches of maxBatchSize, keeps order, and retries a failed batch through RetryInterceptor', async () => {
    const model = new FlakyEmbeddingModel(1);
    const { service, close } = await serviceWith(model);
    const texts = ['a b', 'c d', 'e f', 'g h', 'i j'];
    const vectors = await service.embedMany(texts, { concurrency: 2 });
    await close();
    expect(model.batches.flat().sort()).toEqual([...texts].sort());
    expect(model.batches.every((batch) => batch.length <= 2)).toBe(true);
    expect(model.batches).toHaveLength(3);
    const expected = await new HashedEmbeddingModel({ dimensions: 16 }).embed({ texts });
    expect(vectors).toEqual(expected.embeddings);
  });

  it('never has more calls in flight than the concurrency', async () => {
    const model = new FlakyEmbeddingModel(0);
    const { service, close } = await serviceWith(model);
    await service.embedMany(
      Array.from({ length: 12 }, (_, i) => `text ${i}`),
      { concurrency: 2 },
    );
    await close();
    expect(model.maxInFlight).toBe(2);
  });

  it('reports progress after each batch, then every vector', async () => {
    const { service, close } = await serviceWith(new FlakyEmbeddingModel(0));
    const events = await lastValueFrom(
      service.embedWithProgress(['one', 'two', 'three'], { concurrency: 1 }).pipe(toArray()),
    );
    await close();
    const progress = events.filter(
      (event): event is EmbeddingProgressEvent => event.type === 'progress',
    );
    expect(progress.map((event) => [event.completedBatches, event.completedTexts])).toEqual([
      [1, 2],
      [2, 3],
    ]);
    expect(progress.every((event) => event.totalBatches === 2 && event.totalTexts === 3)).toBe(
      true,
    );
    const done = events.at(-1)!;
    expect(done.type === 'done' && done.embeddings.length).toBe(3);
  });

  it('fails with the provider error once retries are spent', async () => {
    const model = new FlakyEmbeddingModel(10);
    const { service, close } = await serviceWith(model);
    await expect(service.embedMany(['x'])).rejects.toBeInstanceOf(ServerError);
    await close();
    // Spent: every one of the maxAttempts (3) was made, and no more.
    expect(model.attempts).toBe(3);
  });
});
