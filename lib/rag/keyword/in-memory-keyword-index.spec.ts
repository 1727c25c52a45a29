import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { ConduitValidationError } from '../../core/errors/conduit-validation.error';
import type { Document } from '../document.types';
import { InMemoryKeywordIndex } from './in-memory-keyword-index';
import { KeywordTokenizer } from './keyword-tokenizer';

/** BM25 read straight off the formula (Lucene's idf), over whole documents: the oracle. */
function referenceBm25(
  documents: readonly Document[],
  query: string,
  tokenizer: KeywordTokenizer,
  k1 = 1.2,
  b = 0.75,
): Map<string, number> {
  const tokenized = documents.map((document) => tokenizer.tokenize(document.content));
  const average = tokenized.reduce((sum, terms) => sum + terms.length, 0) / documents.length;
  const scores = new Map<string, number>();
  for (const term of new Set(tokenizer.tokenize(query))) {
    const df = tokenized.filter((terms) => terms.includes(term)).length;
    if (df === 0) continue;
    const idf = Math.log(1 + (documents.length - df + 0.5) / (df + 0.5));
    tokenized.forEach((terms, i) => {
      const tf = terms.filter((t) => t === term).length;
      if (tf === 0) return;
      const part = (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * terms.length) / average));
      scores.set(documents[i].id, (scores.get(documents[i].id) ?? 0) + part);
    });
  }
  return scores;
}

let seed = 11;
function random(): number {
  seed = (seed * 16807) % 2147483647;
  return seed / 2147483647;
}
const VOCABULARY = 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu'.split(' ');
function randomText(words: number): string {
  return Array.from({ length: words }, () => VOCABULARY[Math.floor(random() * 12)]).join(' ');
}

describe('InMemoryKeywordIndex', () => {
  it('scores a hand-computed example exactly', async () => {
    // N = 2, avgdl = 3: "cat" is in one document (idf = ln(1 + 1.5/1.5) = ln 2), tf = 2, dl = 4.
    const index = new InMemoryKeywordIndex({ tokenizer: { language: 'none' } });
    await index.add([
      { id: 'a', content: 'cat cat dog bird', metadata: {} },
      { id: 'b', content: 'dog bird', metadata: {} },
    ]);
    const [hit] = await index.search('cat', 5);
    const expected = (Math.log(2) * 2 * 2.2) / (2 + 1.2 * (0.25 + (0.75 * 4) / 3));
    expect(hit.document.id).toBe('a');
    expect(hit.score).toBeCloseTo(expected, 12);
  });

  it('matches the reference BM25 on random corpora, for several k1 and b', async () => {
    const tokenizer = new KeywordTokenizer({ language: 'none' });
    for (const [k1, b] of [
      [1.2, 0.75],
      [2, 0.3],
      [0.5, 1],
    ]) {
      const documents = Array.from({ length: 60 }, (_, i) => ({
        id: `d${i}`,
        content: randomText(1 + Math.floor(random() * 30)),
        metadata: { i },
      }));
      const index = new InMemoryKeywordIndex({ k1, b, tokenizer: { language: 'none' } });
      await index.add(documents);
      for (let round = 0; round < 10; round++) {
        const query = randomText(3);
        const expected = referenceBm25(documents, query, tokenizer, k1, b);
        const hits = await index.search(query, 60);
        expect(hits).toHaveLength(expected.size);
        for (const hit of hits) expect(hit.score).toBeCloseTo(expected.get(hit.document.id)!, 9);
      }
    }
  });

  it('agrees with MiniSearch (BM25 with d = 0) on documents without repeated words', async () => {
    // MiniSearch counts a field's length in distinct words and multiplies a result by how many
    // query words it matched; on documents without repeats the first is the same, the second is
    // divided out.
    const documents = Array.from({ length: 40 }, (_, i) => {
      const words = [...VOCABULARY].sort(() => random() - 0.5).slice(0, 2 + (i % 9));
      return { id: `d${i}`, content: words.join(' '), metadata: {} };
    });
    const index = new InMemoryKeywordIndex({ tokenizer: { language: 'none' } });
    await index.add(documents);
    const mini = new MiniSearch<Document>({ fields: ['content'], idField: 'id' });
    mini.addAll(documents);
    for (const query of ['alpha', 'beta kappa', 'mu eta theta']) {
      const ours = new Map((await index.search(query, 40)).map((h) => [h.document.id, h.score]));
      const theirs = mini.search(query, { bm25: { k: 1.2, b: 0.75, d: 0 } });
      expect(theirs).toHaveLength(ours.size);
      for (const result of theirs) {
        expect(ours.get(String(result.id))! * result.terms.length).toBeCloseTo(result.score, 9);
      }
    }
  });

  it('keeps scoring right through deletes, upserts and compaction (against the reference)', async () => {
    const tokenizer = new KeywordTokenizer({ language: 'none' });
    const index = new InMemoryKeywordIndex({ tokenizer: { language: 'none' } });
    const alive = new Map<string, Document>();
    for (let step = 0; step < 600; step++) {
      const id = `d${Math.floor(random() * 150)}`;
      if (random() < 0.35) {
        await index.delete([id]);
        alive.delete(id);
      } else {
        const document = { id, content: randomText(1 + Math.floor(random() * 12)), metadata: {} };
        await index.upsert([document]);
        alive.set(id, document);
      }
    }
    expect(await index.count()).toBe(alive.size);
    const query = 'alpha theta mu';
    const expected = referenceBm25([...alive.values()], query, tokenizer);
    const hits = await index.search(query, 1000);
    expect(new Set(hits.map((hit) => hit.document.id))).toEqual(new Set(expected.keys()));
    for (const hit of hits) expect(hit.score).toBeCloseTo(expected.get(hit.document.id)!, 9);
  });

  it('saves and loads the same documents and settings, and the same scores', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'conduit-keyword-'));
    try {
      const index = new InMemoryKeywordIndex({ k1: 1.5, b: 0.6, tokenizer: { stopWords: ['x'] } });
      await index.add([
        { id: 'a', content: 'Connecting the stores', metadata: { lang: 'en' } },
        { id: 'b', content: 'x marks the connection', metadata: { lang: 'de' } },
      ]);
      const path = join(directory, 'index.json');
      await index.save(path);
      const loaded = await InMemoryKeywordIndex.load(path);
      expect([loaded.k1, loaded.b]).toEqual([1.5, 0.6]);
      expect(await loaded.search('connected x', 5)).toEqual(await index.search('connected x', 5));
      expect(await loaded.count({ lang: 'de' })).toBe(1);
      writeFileSync(join(directory, 'other.json'), '{"hello": 1}');
      await expect(InMemoryKeywordIndex.load(join(directory, 'other.json'))).rejects.toThrow(
        /not a keyword index file/,
      );
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('is bounded: a write past maxDocuments is rejected whole, replacing is still allowed', async () => {
    const index = new InMemoryKeywordIndex({ maxDocuments: 2 });
    await index.add([
      { id: 'a', content: 'one', metadata: {} },
      { id: 'b', content: 'two', metadata: {} },
    ]);
    await expect(index.upsert([{ id: 'c', content: 'three', metadata: {} }])).rejects.toThrow(
      /over maxDocuments \(2\)/,
    );
    await index.upsert([{ id: 'a', content: 'uno', metadata: {} }]);
    expect(await index.count()).toBe(2);
  });

  it('rejects invalid options and documents with every problem listed', async () => {
    expect(() => new InMemoryKeywordIndex({ k1: -1, b: 2, maxDocuments: 0 })).toThrow(
      ConduitValidationError,
    );
    const index = new InMemoryKeywordIndex();
    const bad = [{ id: '', content: 3, metadata: null }] as unknown as Document[];
    const error = await index.add(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConduitValidationError);
    expect((error as ConduitValidationError).issues.map((issue) => issue.path)).toEqual([
      'documents[0].id',
      'documents[0].content',
      'documents[0].metadata',
    ]);
  });
});
