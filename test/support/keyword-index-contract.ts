import { ConduitValidationError } from '../../lib/core/errors/conduit-validation.error';
import type { Document } from '../../lib/rag/document.types';
import type { KeywordIndex } from '../../lib/rag/keyword/keyword-index';

/** Documents every keyword index is tested on (scores differ by engine; the orders below do not). */
export const KEYWORD_CONTRACT_DOCUMENTS: readonly Document[] = [
  {
    id: 'retry',
    content: 'Retries back off exponentially after a rate limit error from the provider.',
    metadata: { lang: 'en', year: 2024, topic: 'resilience' },
  },
  {
    id: 'circuit',
    content:
      'A circuit breaker opens after repeated provider failures and stops calls for a while.',
    metadata: { lang: 'en', year: 2025, topic: 'resilience' },
  },
  {
    id: 'stream',
    content: 'Streaming sends server-sent events: text deltas, tool calls and a finish event.',
    metadata: { lang: 'en', year: 2023, topic: 'streaming' },
  },
  {
    id: 'tools',
    content: 'Tools are methods with a decorator; the agent calls tools until the model answers.',
    metadata: { lang: 'en', year: 2025, topic: 'agents' },
  },
  {
    id: 'fr',
    content: 'Les nouvelles tentatives attendent après une erreur de limite du fournisseur.',
    metadata: { lang: 'fr', year: 2024, topic: 'resilience' },
  },
];

/**
 * The `KeywordIndex` contract, run against any implementation: `factory` gives an EMPTY index
 * for each test (and `cleanup`, if given, disposes of it). The in-memory BM25 index runs it in
 * test/rag-keyword-index.spec.ts; a database-backed index runs the same function in its spec.
 *
 * @example
 * describeKeywordIndexContract('PgKeywordIndex', () => PgVectorStore.connect(...).then((s) => s.keywordIndex));
 */
export function describeKeywordIndexContract(
  name: string,
  factory: () => Promise<KeywordIndex>,
  cleanup?: (index: KeywordIndex) => Promise<void>,
): void {
  describe(`KeywordIndex contract: ${name}`, () => {
    let index: KeywordIndex;

    beforeEach(async () => {
      index = await factory();
      await index.add(KEYWORD_CONTRACT_DOCUMENTS);
    });

    afterEach(async () => {
      await cleanup?.(index);
    });

    const ids = (hits: readonly { document: Document }[]): string[] =>
      hits.map((hit) => hit.document.id);

    it('finds documents by their words, best first, with positive scores', async () => {
      const hits = await index.search('circuit breaker provider failures', 3);
      expect(hits[0]?.document.id).toBe('circuit');
      expect(hits.every((hit) => hit.score > 0)).toBe(true);
      const scores = hits.map((hit) => hit.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    });

    it('matches inflected forms of a word (stemming) and ignores case and punctuation', async () => {
      expect(ids(await index.search('RETRY!', 1))).toEqual(['retry']);
      expect(ids(await index.search('decorators', 1))).toEqual(['tools']);
    });

    it('returns at most k hits, and none for k = 0', async () => {
      expect(await index.search('provider', 1)).toHaveLength(1);
      expect(await index.search('provider', 0)).toEqual([]);
    });

    it('returns [] for a query without an indexed word', async () => {
      expect(await index.search('zyzzyva quux', 5)).toEqual([]);
      expect(await index.search('  ?! ', 5)).toEqual([]);
    });

    it('filters before ranking: k matching documents come back even when better ones are excluded', async () => {
      const hits = await index.search('provider error rate limit calls', 2, {
        year: { $gte: 2025 },
      });
      expect(ids(hits).sort()).toEqual(['circuit', 'tools']);
      expect(ids(await index.search('provider', 5, { topic: 'streaming' }))).toEqual([]);
      expect(ids(await index.search('provider', 5, { lang: { $in: ['fr', 'de'] } }))).toEqual([]);
    });

    it('counts documents, with and without a filter', async () => {
      expect(await index.count()).toBe(5);
      expect(await index.count({ topic: 'resilience' })).toBe(3);
      expect(await index.count({ lang: 'en', year: { $lt: 2025 } })).toBe(2);
    });

    it('add rejects an id already stored or repeated, and stores nothing then', async () => {
      const fresh: Document = { id: 'fresh', content: 'fresh words', metadata: {} };
      await expect(
        index.add([fresh, { id: 'retry', content: 'again', metadata: {} }]),
      ).rejects.toBeInstanceOf(ConduitValidationError);
      await expect(index.add([fresh, fresh])).rejects.toBeInstanceOf(ConduitValidationError);
      expect(await index.count()).toBe(5);
      expect(await index.search('fresh', 5)).toEqual([]);
    });

    it('upsert replaces a document: its old words no longer find it', async () => {
      await index.upsert([{ id: 'retry', content: 'Embeddings of passages', metadata: {} }]);
      expect(await index.count()).toBe(5);
      expect(ids(await index.search('exponentially', 5))).toEqual([]);
      expect(ids(await index.search('embeddings', 5))).toEqual(['retry']);
    });

    it('delete removes documents and resolves with how many existed', async () => {
      expect(await index.delete(['retry', 'missing', 'stream'])).toBe(2);
      expect(await index.count()).toBe(3);
      expect(ids(await index.search('exponentially streaming', 5))).toEqual([]);
    });

    it('upsertDocuments leaves each document with exactly the chunks given', async () => {
      const chunk = (parentId: string, index: number, content: string): Document => ({
        id: `${parentId}#${index}`,
        content,
        metadata: { parentId },
      });
      await index.upsertDocuments([
        chunk('guide', 0, 'install the package'),
        chunk('guide', 1, 'configure the module'),
        chunk('guide', 2, 'deploy the application'),
      ]);
      expect((await index.chunkIdsOf(['guide'])).sort()).toEqual(['guide#0', 'guide#1', 'guide#2']);
      const removed = await index.upsertDocuments([chunk('guide', 0, 'install it with npm')]);
      expect(removed).toBe(2);
      expect(await index.chunkIdsOf(['guide'])).toEqual(['guide#0']);
      expect(ids(await index.search('deploy application', 5))).toEqual([]);
      expect(await index.upsertDocuments([], ['guide'])).toBe(1);
      expect(await index.chunkIdsOf(['guide'])).toEqual([]);
    });

    it('rejects a negative or fractional k with a validation error', async () => {
      await expect(index.search('provider', -1)).rejects.toBeInstanceOf(ConduitValidationError);
      await expect(index.search('provider', 1.5)).rejects.toBeInstanceOf(ConduitValidationError);
    });
  });
}
