import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Document } from '../lib/rag/document.types';
import { HashedEmbeddingModel } from '../lib/rag/embeddings/hashed-embedding-model';
import { JsonLinesLoader } from '../lib/rag/loaders/json-lines-loader';
import { MarkdownFileLoader } from '../lib/rag/loaders/markdown-file-loader';
import { Retriever } from '../lib/rag/retriever/retriever';
import type { RetrievedDocument } from '../lib/rag/retriever/retrieved-document.types';
import { MarkdownTextSplitter } from '../lib/rag/splitters/markdown-text-splitter';
import { InMemoryVectorStore } from '../lib/rag/stores/in-memory-vector-store';

const CORPUS = join(__dirname, 'fixtures', 'rag-corpus');
const MARKDOWN = ['solar-system.md', 'water-cycle.md', 'bread.md', 'nestjs-conduit.md'];

interface Question {
  readonly question: string;
  readonly source: string;
  readonly headings?: string;
}

const questions = readFileSync(join(CORPUS, 'questions.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as Question);

/** Whether a retrieved chunk is the passage that answers the question. */
function answers(found: RetrievedDocument, expected: Question): boolean {
  const { metadata } = found.document;
  if (expected.headings === undefined) return metadata['parentId'] === expected.source;
  return (
    basename(String(metadata['source'])) === expected.source &&
    metadata['headings'] === expected.headings
  );
}

describe('retrieval quality on the shipped corpus (offline hashed embedder + in-memory store)', () => {
  let retriever: Retriever;
  let chunks: Document[];

  beforeAll(async () => {
    const markdown = await new MarkdownFileLoader(
      MARKDOWN.map((file) => join(CORPUS, file)),
    ).load();
    const history = await new JsonLinesLoader(join(CORPUS, 'history.jsonl')).load();
    const splitter = new MarkdownTextSplitter({ chunkSize: 400, chunkOverlap: 0 });
    chunks = splitter.splitDocuments([...markdown, ...history]);
    const model = new HashedEmbeddingModel();
    const store = new InMemoryVectorStore({ dimensions: model.dimensions });
    const { embeddings } = await model.embed({ texts: chunks.map((chunk) => chunk.content) });
    await store.add(chunks.map((chunk, index) => ({ ...chunk, vector: embeddings[index] })));
    retriever = new Retriever({
      store,
      embed: async (text) => (await model.embed({ texts: [text] })).embeddings[0],
      k: 5,
    });
  });

  it('finds the answering passage in the top 5 for at least 90% of the questions (recall@5 printed)', async () => {
    const misses: string[] = [];
    let atOne = 0;
    for (const question of questions) {
      const found = await retriever.retrieve(question.question);
      if (found[0] !== undefined && answers(found[0], question)) atOne++;
      if (!found.some((hit) => answers(hit, question))) misses.push(question.question);
    }
    const recallAt5 = (questions.length - misses.length) / questions.length;
    process.stdout.write(
      `RAG retrieval quality: recall@5 = ${recallAt5.toFixed(3)}, recall@1 = ${(atOne / questions.length).toFixed(3)} ` +
        `over ${questions.length} questions and ${chunks.length} chunks${misses.length > 0 ? `; missed: ${misses.join(' | ')}` : ''}\n`,
    );
    expect(questions.length).toBeGreaterThanOrEqual(20);
    expect(recallAt5).toBeGreaterThanOrEqual(0.9);
  });

  it('keeps markdown front matter as metadata and headings on every chunk', () => {
    const mars = chunks.find((chunk) => chunk.metadata['h2'] === 'Mars');
    expect(mars?.metadata).toMatchObject({
      title: 'The Solar System',
      topic: 'astronomy',
      h1: 'The Solar System',
      headings: 'The Solar System > Mars',
    });
    expect(mars?.content.startsWith('## Mars\n')).toBe(true);
  });

  it('filters before ranking: a filter that excludes the best passage still returns every match', async () => {
    const found = await retriever.retrieve('Who introduced movable type printing in Mainz?', {
      filter: { era: 'medieval' },
    });
    expect(found.map((hit) => hit.document.metadata['parentId']).sort()).toEqual([
      'great-wall',
      'magna-carta',
    ]);
    expect(found.map((hit) => hit.rank)).toEqual([1, 2]);
  });
});
