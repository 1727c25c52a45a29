import { ChatService } from '../../chat/chat.service';
import { AbortedError, ConduitValidationError } from '../../core';
import { createConduitTestingModule, MockChatModel } from '../../testing';
import type { Document } from '../document.types';
import { Retriever } from '../retriever/retriever';
import { InMemoryVectorStore } from '../stores/in-memory-vector-store';
import { LlmReranker } from './llm-reranker';
import type { RerankedDocument } from './rerank.types';

const doc = (id: string, content = `text of ${id}`): Document => ({ id, content, metadata: {} });
const DOCUMENTS = ['a', 'b', 'c', 'd'].map((id) => doc(id));
const scores = (...pairs: [number, number][]): string =>
  JSON.stringify({ scores: pairs.map(([id, score]) => ({ id, score })) });
const ids = (hits: readonly { document: Document }[]): string[] => hits.map((h) => h.document.id);

async function chatWith(model: MockChatModel): Promise<ChatService> {
  const moduleRef = await createConduitTestingModule({ models: { default: model } }).compile();
  return moduleRef.get(ChatService);
}

describe('LlmReranker', () => {
  it('scores every candidate in one structured call and orders them best first', async () => {
    const model = new MockChatModel({ responses: [scores([0, 2], [1, 9], [2, 5], [3, 7.5])] });
    const reranker = new LlmReranker(await chatWith(model));
    const hits = await reranker.rerank('which one?', DOCUMENTS, { topN: 3 });
    expect(hits).toEqual<RerankedDocument[]>([
      { document: DOCUMENTS[1], score: 9, index: 1 },
      { document: DOCUMENTS[3], score: 7.5, index: 3 },
      { document: DOCUMENTS[2], score: 5, index: 2 },
    ]);
    expect(model.calls).toBe(1);
    const request = model.requests[0];
    expect(request.responseFormat).toMatchObject({ type: 'json_schema', name: 'relevance_scores' });
    expect(request.temperature).toBe(0);
    const prompt = JSON.stringify(request.messages);
    expect(prompt).toContain('Question: which one?');
    expect(prompt).toContain('[3]\\ntext of d');
  });

  it('ignores ids out of range, keeps the first of a repeated id, puts omitted ones last', async () => {
    // c (2) is omitted, b (1) is repeated, 7 and -1 do not exist.
    const model = new MockChatModel({
      responses: [scores([1, 3], [7, 10], [3, 6], [1, 10], [-1, 9], [0, 6])],
    });
    const hits = await new LlmReranker(await chatWith(model)).rerank('q', DOCUMENTS);
    expect(hits.map((h) => [h.document.id, h.score])).toEqual([
      ['a', 6],
      ['d', 6],
      ['b', 3],
      ['c', 0],
    ]);
  });

  it('sends batches of batchSize, ids counted within each batch', async () => {
    const model = new MockChatModel({
      responses: [scores([0, 1], [1, 2], [2, 3]), scores([0, 8])],
    });
    const reranker = new LlmReranker(await chatWith(model), { batchSize: 3, maxDocumentChars: 4 });
    const hits = await reranker.rerank('q', DOCUMENTS);
    expect(ids(hits)).toEqual(['d', 'c', 'b', 'a']);
    expect(model.calls).toBe(2);
    expect(JSON.stringify(model.requests[1].messages)).toContain('[0]\\ntext\\n');
  });

  it('passes the signal on: an aborted call rejects with AbortedError', async () => {
    const model = new MockChatModel({ responses: [scores([0, 1])] });
    const controller = new AbortController();
    controller.abort();
    const reranker = new LlmReranker(await chatWith(model));
    await expect(
      reranker.rerank('q', DOCUMENTS, { signal: controller.signal }),
    ).rejects.toBeInstanceOf(AbortedError);
  });

  it('refuses bad options and input with a ConduitValidationError', async () => {
    const chat = await chatWith(new MockChatModel());
    expect(() => new LlmReranker(chat, { batchSize: 0 })).toThrow(ConduitValidationError);
    await expect(new LlmReranker(chat).rerank('q', DOCUMENTS, { topN: 1.5 })).rejects.toThrow(
      'topN: must be a whole number from 0',
    );
  });

  it('reranks a Retriever: k candidates in, topN out, ranks from 1 with the reranker scores', async () => {
    const store = new InMemoryVectorStore({ dimensions: 2 });
    await store.add([
      { ...doc('near'), vector: [1, 0] },
      { ...doc('mid'), vector: [0.7, 0.7] },
      { ...doc('far'), vector: [0, 1] },
    ]);
    // The model prefers the passage the vectors put last.
    const model = new MockChatModel({ responses: [scores([0, 1], [1, 4], [2, 9])] });
    const reranker = new LlmReranker(await chatWith(model));
    const retriever = new Retriever({
      store,
      embed: () => Promise.resolve([1, 0]),
      k: 3,
      rerank: { reranker, topN: 2 },
    });
    const found = await retriever.retrieve('q');
    expect(found).toEqual([
      { document: expect.objectContaining({ id: 'far' }), score: 9, rank: 1 },
      { document: expect.objectContaining({ id: 'mid' }), score: 4, rank: 2 },
    ]);
    // A call without rerank (per-call settings win) keeps the vector order.
    const plain = new Retriever({ store, embed: () => Promise.resolve([1, 0]), k: 2 });
    expect(ids(await plain.retrieve('q'))).toEqual(['near', 'mid']);
  });
});
