import { Injectable, Module } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Test, type TestingModule } from '@nestjs/testing';
import { IsString } from 'class-validator';
import { lastValueFrom, toArray } from 'rxjs';
import {
  AgentService,
  agentStep,
  ChatService,
  ConduitModule,
  END,
  modelStep,
  START,
  StateGraph,
  Tool,
  ToolParam,
  type ChatRequest,
  type GraphNode,
} from 'nestjs-conduit';
import { MockChatModel, type MockResponse } from 'nestjs-conduit/testing';
import { HashedEmbeddingModel } from '../lib/rag/embeddings/hashed-embedding-model';
import { InMemoryVectorStore } from '../lib/rag/stores/in-memory-vector-store';

interface SupportState {
  question: string;
  topic?: string;
  context?: string;
  answer?: string;
}

class OrderIdDto {
  @ToolParam({ description: 'The order id, e.g. o-1' })
  @IsString()
  orderId!: string;
}

@Injectable()
class OrderTools {
  readonly looked: string[] = [];

  @Tool({ name: 'order_status', description: 'Status of an order' })
  status(args: OrderIdDto): { orderId: string; status: string } {
    this.looked.push(args.orderId);
    return { orderId: args.orderId, status: 'shipped' };
  }
}

/** A retriever node: the question is embedded and the closest policy document is the context. */
@Injectable()
class PolicyRetriever implements GraphNode<SupportState> {
  readonly store = new InMemoryVectorStore({ dimensions: 384 });

  constructor(private readonly chat: ChatService) {}

  async index(documents: { id: string; content: string }[]): Promise<void> {
    const { embeddings } = await this.chat.embed(documents.map((d) => d.content));
    await this.store.add(
      documents.map((d, i) => ({ ...d, metadata: {}, vector: embeddings[i] ?? [] })),
    );
  }

  async run(state: SupportState): Promise<Partial<SupportState>> {
    const [query] = (await this.chat.embed(state.question)).embeddings;
    const hits = await this.store.search(query ?? [], 1);
    return { context: hits.map((hit) => hit.document.content).join('\n') };
  }
}

function text(request: ChatRequest, index: number): string {
  const content = request.messages[index]?.content;
  return typeof content === 'string' ? content : '';
}

/** The scripted model: classifies, runs the agent's tool loop, answers from the context. */
function respond(request: ChatRequest): MockResponse | string {
  const system = text(request, 0);
  const last = request.messages[request.messages.length - 1];
  if (system.startsWith('Classify')) return text(request, 1).includes('order') ? 'order' : 'policy';
  if (system.startsWith('You are the support desk')) {
    if (last?.role === 'tool') return `Order o-1: ${JSON.parse(last.content).status as string}.`;
    return { toolCalls: [{ id: 'call_1', name: 'order_status', arguments: { orderId: 'o-1' } }] };
  }
  return `Answer based on: ${text(request, 1).split('\n')[1] ?? ''}`;
}

@Module({ providers: [OrderTools, PolicyRetriever] })
class SupportModule {}

describe('a workflow with an agent and a retriever (mock model, end to end)', () => {
  let app: TestingModule;
  let model: MockChatModel;

  beforeAll(async () => {
    model = new MockChatModel({ respond });
    app = await Test.createTestingModule({
      imports: [
        ConduitModule.forRoot({
          models: { default: model },
          embeddingModels: { default: new HashedEmbeddingModel() },
          isGlobal: true,
        }),
        SupportModule,
      ],
    }).compile();
    await app.init();
    await app.get(PolicyRetriever).index([
      { id: 'refunds', content: 'Refunds are paid within 14 days of the return.' },
      { id: 'shipping', content: 'Shipping is free for orders over 50 euros.' },
    ]);
  });

  afterAll(() => app.close());

  function buildGraph(): StateGraph<SupportState> {
    const chat = app.get(ChatService);
    const agent = app.get(AgentService).define({
      system: 'You are the support desk. Use the tools.',
      tools: ['order_status'],
    });
    return new StateGraph<SupportState>()
      .addNode(
        'classify',
        modelStep(chat, {
          system: 'Classify the question as order or policy. One word.',
          prompt: '{{question}}',
          output: 'topic',
        }),
      )
      .addNode('agent', agentStep(agent, { input: (s) => s.question, output: 'answer' }))
      .addNode('retrieve', PolicyRetriever)
      .addNode(
        'answer',
        modelStep(chat, {
          system: 'Answer from the context only.',
          prompt: 'Context:\n{{context}}\nQuestion: {{question}}',
          output: 'answer',
        }),
      )
      .addEdge(START, 'classify')
      .addConditionalEdges('classify', (s) => (s.topic === 'order' ? 'agent' : 'retrieve'), [
        'agent',
        'retrieve',
      ])
      .addEdge('agent', END)
      .addEdge('retrieve', 'answer')
      .addEdge('answer', END);
  }

  it('routes an order question to the agent, which calls its tool', async () => {
    const graph = buildGraph().compile({ moduleRef: app.get(ModuleRef) });
    const { state, path } = await graph.run({ question: 'Where is my order o-1?' });
    expect(path).toEqual(['classify', 'agent']);
    expect(state).toEqual({
      question: 'Where is my order o-1?',
      topic: 'order',
      answer: 'Order o-1: shipped.',
    });
    expect(app.get(OrderTools).looked).toEqual(['o-1']);
  });

  it('routes a policy question through the retriever and answers from the retrieved document', async () => {
    const graph = buildGraph().compile({ moduleRef: app.get(ModuleRef) });
    const events = await lastValueFrom(
      graph.stream({ question: 'How many days until refunds are paid?' }).pipe(toArray()),
    );
    expect(events.filter((e) => e.type === 'node-start').map((e) => e.node)).toEqual([
      'classify',
      'retrieve',
      'answer',
    ]);
    const finish = events[events.length - 1];
    expect(finish).toMatchObject({
      type: 'graph-finish',
      path: ['classify', 'retrieve', 'answer'],
      state: {
        topic: 'policy',
        context: 'Refunds are paid within 14 days of the return.',
        answer: 'Answer based on: Refunds are paid within 14 days of the return.',
      },
    });
    expect(model.lastRequest?.messages[1]?.content).toBe(
      'Context:\nRefunds are paid within 14 days of the return.\nQuestion: How many days until refunds are paid?',
    );
  });

  it('exports the workflow as a Mermaid chart', () => {
    expect(buildGraph().toMermaid()).toBe(
      [
        'flowchart TD',
        '  start_([start]) --> classify',
        '  agent --> end_([end])',
        '  retrieve --> answer',
        '  answer --> end_([end])',
        '  classify -.-> agent',
        '  classify -.-> retrieve',
      ].join('\n'),
    );
  });
});
