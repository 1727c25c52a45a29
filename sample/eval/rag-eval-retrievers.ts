import {
  HashedEmbeddingModel,
  HybridRetriever,
  InMemoryKeywordIndex,
  InMemoryVectorStore,
  KeywordRetriever,
  Retriever,
  type Document,
  type DocumentRetriever,
  type HybridRetrieverOptions,
} from 'nestjs-conduit';
import { pgEvalRetrievers } from './pg-eval-retrievers';
import { rerankEvalRetrievers } from './rerank-eval-retrievers';

/**
 * One row of the evaluation table: a name and how to build the retriever over the chunks.
 * Add a row by adding an entry (a reranked hybrid, a PgVectorStore, a semantic embedder): the
 * CLI (`npm run sample:eval-rag`) and docs/rag.md's table list every entry.
 */
export interface RagEvalRetrieverFactory {
  readonly name: string;
  /** Whether the row needs something the offline sample may not have (a server, a key). */
  readonly needs?: string;
  build(chunks: readonly Document[]): Promise<DocumentRetriever>;
}

/**
 * BM25 settings chosen on the TUNING half only (`npm run sample:eval-rag -- --tune`): k1 and b
 * swept over a small grid; the held-out half was not looked at to pick them.
 */
export const SAMPLE_BM25 = { k1: 2, b: 0.3 } as const;

/**
 * Hybrid settings chosen on the tuning half only (`--tune`, over the tuned BM25): weighted fusion
 * of min-max normalized scores, the hashed vectors at 0.3 of BM25's weight. With the offline
 * hashed embedder the vectors mostly add noise, so the best weight is small.
 */
export const SAMPLE_HYBRID = { fusion: 'weighted', weights: [0.3, 1] } as const;

/** Hybrid of the hashed vectors and BM25 with the given fusion settings. */
export async function hybridRetriever(
  chunks: readonly Document[],
  settings: Pick<HybridRetrieverOptions, 'fusion' | 'weights'>,
  bm25: { readonly k1: number; readonly b: number } = SAMPLE_BM25,
): Promise<HybridRetriever> {
  return new HybridRetriever({
    retrievers: [await hashedVectorRetriever(chunks), await bm25Retriever(chunks, bm25)],
    ...settings,
  });
}

/** The offline embedder of the sample, as the sample configures it. */
export async function hashedVectorRetriever(chunks: readonly Document[]): Promise<Retriever> {
  const model = new HashedEmbeddingModel({ dimensions: 384 });
  const store = new InMemoryVectorStore({ dimensions: model.dimensions });
  const { embeddings } = await model.embed({ texts: chunks.map((chunk) => chunk.content) });
  await store.add(chunks.map((chunk, index) => ({ ...chunk, vector: embeddings[index] ?? [] })));
  return new Retriever({
    store,
    embed: async (text) => (await model.embed({ texts: [text] })).embeddings[0] ?? [],
  });
}

/** BM25 over the same chunks. */
export async function bm25Retriever(
  chunks: readonly Document[],
  settings: { readonly k1: number; readonly b: number } = SAMPLE_BM25,
): Promise<KeywordRetriever> {
  const index = new InMemoryKeywordIndex(settings);
  await index.add(chunks);
  return new KeywordRetriever({ index });
}

/**
 * Every retriever the offline sample can build, in the order of the table. The other engineers'
 * rows (a reranked hybrid with a scripted LLM, PgVectorStore on a real PostgreSQL) are added here.
 */
export const RAG_EVAL_RETRIEVERS: readonly RagEvalRetrieverFactory[] = [
  {
    name: 'hashed vectors (HashedEmbeddingModel 384 + InMemoryVectorStore)',
    build: hashedVectorRetriever,
  },
  {
    name: 'BM25, library defaults (k1 1.2, b 0.75)',
    build: (chunks) => bm25Retriever(chunks, { k1: 1.2, b: 0.75 }),
  },
  {
    name: `BM25, tuned (k1 ${SAMPLE_BM25.k1}, b ${SAMPLE_BM25.b})`,
    build: (chunks) => bm25Retriever(chunks),
  },
  {
    name: 'hybrid hashed + BM25 tuned, RRF equal weights',
    build: (chunks) => hybridRetriever(chunks, { fusion: 'rrf' }),
  },
  {
    name: `hybrid hashed + BM25 tuned, ${SAMPLE_HYBRID.fusion} [${SAMPLE_HYBRID.weights.join(', ')}] (tuned): the sample's default`,
    build: (chunks) => hybridRetriever(chunks, SAMPLE_HYBRID),
  },
  ...rerankEvalRetrievers((chunks) => hybridRetriever(chunks, SAMPLE_HYBRID), SAMPLE_HYBRID),
  ...pgEvalRetrievers(SAMPLE_HYBRID),
];
