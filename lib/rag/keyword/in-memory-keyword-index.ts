import { ConduitValidationError } from '../../core/errors/conduit-validation.error';
import type { Document } from '../document.types';
import { chunkIdsIn } from '../stores/chunk-ids-in';
import { compileFilter } from '../stores/match-filter';
import type { MetadataFilter } from '../stores/metadata-filter.types';
import { settle } from '../stores/settle';
import { TopK } from '../stores/top-k';
import { bm25Idf, BM25_DEFAULT_B, BM25_DEFAULT_K1 } from './bm25';
import { checkDocuments, checkKeywordQuery } from './check-documents';
import { readKeywordFile, writeKeywordFile } from './keyword-file';
import { KeywordIndex, type KeywordSearchHit } from './keyword-index';
import { KeywordTokenizer, type KeywordTokenizerOptions } from './keyword-tokenizer';

/** Options of `InMemoryKeywordIndex`. */
export interface InMemoryKeywordIndexOptions {
  /** BM25 term-frequency saturation. Default 1.2 (Lucene, Elasticsearch). */
  readonly k1?: number;
  /** BM25 length normalization, 0 (none) to 1 (full). Default 0.75 (Lucene, Elasticsearch). */
  readonly b?: number;
  /** How text becomes terms. Default: English (stop words, Porter stemmer). */
  readonly tokenizer?: KeywordTokenizerOptions;
  /**
   * The most documents the index holds; a write that would exceed it is rejected (nothing is
   * written). Default 1,000,000 (about 1 GB of postings for passages of a few hundred words).
   */
  readonly maxDocuments?: number;
}

/** Default bound of `InMemoryKeywordIndex`. */
export const DEFAULT_MAX_KEYWORD_DOCUMENTS = 1_000_000;

/** Deleted rows kept before the postings are rebuilt without them (at least half must be dead). */
const COMPACT_AFTER = 64;

/**
 * BM25 keyword search in memory: an inverted index (term -> rows and term frequencies) over
 * documents tokenized by a `KeywordTokenizer`. A document's score is the sum, over the distinct
 * query terms it contains, of `idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / avgLength))`
 * with `idf = ln(1 + (N - df + 0.5) / (df + 0.5))` (Lucene's BM25, always positive). Search
 * touches only the postings of the query terms, checks the filter once per candidate, and keeps
 * the top k in a heap. A delete marks the row dead; the postings are rebuilt (linear) once half
 * of the rows are dead. `save`/`load` write the documents and settings to one JSON file.
 *
 * @example
 * const index = new InMemoryKeywordIndex();
 * await index.upsertDocuments(new MarkdownTextSplitter().splitDocuments(documents));
 * const hits = await index.search('how do retries back off', 5, { lang: 'en' });
 */
export class InMemoryKeywordIndex extends KeywordIndex {
  readonly k1: number;
  readonly b: number;
  readonly maxDocuments: number;
  readonly tokenizer: KeywordTokenizer;

  /** Per row: the document, or `undefined` once deleted (until the next compaction). */
  protected documents: (Document | undefined)[] = [];
  /** Per row: how many terms the document has (its BM25 length). */
  protected lengths: number[] = [];
  /** Per row: the distinct term ids of the document (to update document frequencies on delete). */
  protected rowTerms: Uint32Array[] = [];
  protected readonly rowOf = new Map<string, number>();
  protected termIds = new Map<string, number>();
  /** Per term id: the rows that contain it and how often, in row order. */
  protected postingRows: number[][] = [];
  protected postingCounts: number[][] = [];
  /** Per term id: how many live documents contain it. */
  protected documentFrequency: number[] = [];
  protected totalLength = 0;
  protected dead = 0;
  private scores = new Float64Array(0);
  private termCounts = new Uint32Array(1024);

  constructor(options: InMemoryKeywordIndexOptions = {}) {
    super();
    const k1 = options.k1 ?? BM25_DEFAULT_K1;
    const b = options.b ?? BM25_DEFAULT_B;
    const maxDocuments = options.maxDocuments ?? DEFAULT_MAX_KEYWORD_DOCUMENTS;
    const issues = [];
    if (!Number.isFinite(k1) || k1 < 0) {
      issues.push({ path: 'k1', message: `must be a finite number >= 0, got ${k1}` });
    }
    if (!Number.isFinite(b) || b < 0 || b > 1) {
      issues.push({ path: 'b', message: `must be between 0 and 1, got ${b}` });
    }
    if (!Number.isInteger(maxDocuments) || maxDocuments <= 0) {
      issues.push({
        path: 'maxDocuments',
        message: `must be a positive integer, got ${maxDocuments}`,
      });
    }
    if (issues.length > 0) {
      throw new ConduitValidationError(issues, 'Invalid InMemoryKeywordIndex options');
    }
    this.k1 = k1;
    this.b = b;
    this.maxDocuments = maxDocuments;
    this.tokenizer = new KeywordTokenizer(options.tokenizer);
  }

  /** Reads an index written by `save` (same settings, same documents, re-tokenized). */
  static async load(path: string): Promise<InMemoryKeywordIndex> {
    const file = await readKeywordFile(path);
    const index = new InMemoryKeywordIndex({
      k1: file.k1,
      b: file.b,
      maxDocuments: file.maxDocuments,
      tokenizer: file.tokenizer,
    });
    await index.upsert(file.documents);
    return index;
  }

  /** Writes the settings and documents to one file (atomically: a temporary file, then a rename). */
  async save(path: string): Promise<void> {
    await writeKeywordFile(path, {
      k1: this.k1,
      b: this.b,
      maxDocuments: this.maxDocuments,
      tokenizer: this.tokenizer.options,
      documents: this.live(),
    });
  }

  add(documents: readonly Document[]): Promise<void> {
    return settle(() => {
      checkDocuments(documents, (id) => this.rowOf.has(id));
      this.checkRoom(documents);
      for (const document of documents) this.write(document);
    });
  }

  upsert(documents: readonly Document[]): Promise<void> {
    return settle(() => {
      checkDocuments(documents);
      this.checkRoom(documents);
      for (const document of documents) {
        const row = this.rowOf.get(document.id);
        if (row !== undefined) this.remove(row);
        this.write(document);
      }
      this.compactIfSparse();
    });
  }

  delete(ids: readonly string[]): Promise<number> {
    return settle(() => {
      let removed = 0;
      for (const id of ids) {
        const row = this.rowOf.get(id);
        if (row === undefined) continue;
        this.remove(row);
        this.rowOf.delete(id);
        removed++;
      }
      this.compactIfSparse();
      return removed;
    });
  }

  search(query: string, k: number, filter?: MetadataFilter): Promise<KeywordSearchHit[]> {
    return settle(() => {
      checkKeywordQuery(query, k);
      const matches = filter === undefined ? undefined : compileFilter(filter);
      const live = this.rowOf.size;
      if (k === 0 || live === 0) return [];
      const termIds = new Set<number>();
      for (const term of this.tokenizer.tokenize(query)) {
        const termId = this.termIds.get(term);
        if (termId !== undefined && this.documentFrequency[termId] > 0) termIds.add(termId);
      }
      if (termIds.size === 0) return [];
      if (this.scores.length < this.documents.length) {
        this.scores = new Float64Array(this.documents.length);
      }
      const scores = this.scores;
      const touched: number[] = [];
      const k1 = this.k1;
      const lengthWeight = (k1 * this.b * live) / this.totalLength;
      const base = k1 * (1 - this.b);
      for (const termId of termIds) {
        const idf = bm25Idf(live, this.documentFrequency[termId]);
        const weight = idf * (k1 + 1);
        const rows = this.postingRows[termId];
        const counts = this.postingCounts[termId];
        for (let i = 0; i < rows.length; i++) {
          const row = rows[i];
          if (this.documents[row] === undefined) continue;
          const tf = counts[i];
          if (scores[row] === 0) touched.push(row);
          scores[row] += (weight * tf) / (tf + base + lengthWeight * this.lengths[row]);
        }
      }
      const top = new TopK(k);
      for (const row of touched) {
        const score = scores[row];
        scores[row] = 0;
        const document = this.documents[row] as Document;
        if (matches === undefined || matches(document.metadata)) top.push(score, row);
      }
      return top
        .sorted()
        .map(({ score, row }) => ({ document: this.documents[row] as Document, score }));
    });
  }

  count(filter?: MetadataFilter): Promise<number> {
    return settle(() => {
      if (filter === undefined) return this.rowOf.size;
      const matches = compileFilter(filter);
      return this.live().filter((document) => matches(document.metadata)).length;
    });
  }

  chunkIdsOf(documentIds: readonly string[]): Promise<string[]> {
    return settle(() => chunkIdsIn(this.live(), documentIds));
  }

  /** The stored documents, in row order. */
  protected live(): Document[] {
    return this.documents.filter((document): document is Document => document !== undefined);
  }

  /** Rejects a write that would take the index past `maxDocuments`. */
  protected checkRoom(documents: readonly Document[]): void {
    let added = 0;
    for (const document of documents) if (!this.rowOf.has(document.id)) added++;
    if (this.rowOf.size + added > this.maxDocuments) {
      throw new ConduitValidationError(
        [
          {
            path: 'documents',
            message:
              `${added} new documents would make ${this.rowOf.size + added}, over maxDocuments ` +
              `(${this.maxDocuments}); raise it or use an index in a database`,
          },
        ],
        'InMemoryKeywordIndex is full',
      );
    }
  }

  /** Indexes one document in a new row at the end. */
  protected write(source: Document): void {
    const document: Document = {
      id: source.id,
      content: source.content,
      metadata: { ...source.metadata },
    };
    const row = this.documents.length;
    const terms = this.tokenizer.tokenize(document.content);
    const distinct: number[] = [];
    for (const term of terms) {
      let termId = this.termIds.get(term);
      if (termId === undefined) {
        termId = this.postingRows.length;
        this.termIds.set(term, termId);
        this.postingRows.push([]);
        this.postingCounts.push([]);
        this.documentFrequency.push(0);
        if (termId >= this.termCounts.length) {
          const grown = new Uint32Array(this.termCounts.length * 2);
          grown.set(this.termCounts);
          this.termCounts = grown;
        }
      }
      if (this.termCounts[termId]++ === 0) distinct.push(termId);
    }
    for (const termId of distinct) {
      this.postingRows[termId].push(row);
      this.postingCounts[termId].push(this.termCounts[termId]);
      this.documentFrequency[termId]++;
      this.termCounts[termId] = 0;
    }
    this.documents.push(document);
    this.lengths.push(terms.length);
    this.rowTerms.push(Uint32Array.from(distinct));
    this.rowOf.set(document.id, row);
    this.totalLength += terms.length;
  }

  /** Marks a row dead (its postings stay until the next compaction; search skips them). */
  protected remove(row: number): void {
    for (const termId of this.rowTerms[row]) this.documentFrequency[termId]--;
    this.totalLength -= this.lengths[row];
    this.documents[row] = undefined;
    this.rowTerms[row] = new Uint32Array(0);
    this.dead++;
  }

  /** Rebuilds rows, postings and the term dictionary without the dead rows, once half are dead. */
  protected compactIfSparse(): void {
    if (this.dead < COMPACT_AFTER || this.dead * 2 < this.documents.length) return;
    const newRow = new Int32Array(this.documents.length).fill(-1);
    const documents: Document[] = [];
    const lengths: number[] = [];
    this.documents.forEach((document, row) => {
      if (document === undefined) return;
      newRow[row] = documents.length;
      documents.push(document);
      lengths.push(this.lengths[row]);
    });
    const newTermId = new Int32Array(this.postingRows.length).fill(-1);
    const termIds = new Map<string, number>();
    const postingRows: number[][] = [];
    const postingCounts: number[][] = [];
    const documentFrequency: number[] = [];
    for (const [term, termId] of this.termIds) {
      if (this.documentFrequency[termId] === 0) continue;
      const rows: number[] = [];
      const counts: number[] = [];
      const oldRows = this.postingRows[termId];
      const oldCounts = this.postingCounts[termId];
      for (let i = 0; i < oldRows.length; i++) {
        const row = newRow[oldRows[i]];
        if (row < 0) continue;
        rows.push(row);
        counts.push(oldCounts[i]);
      }
      newTermId[termId] = postingRows.length;
      termIds.set(term, postingRows.length);
      postingRows.push(rows);
      postingCounts.push(counts);
      documentFrequency.push(rows.length);
    }
    const rowTerms: Uint32Array[] = [];
    this.rowTerms.forEach((terms, row) => {
      if (newRow[row] >= 0) rowTerms.push(terms.map((termId) => newTermId[termId]));
    });
    this.rowOf.clear();
    documents.forEach((document, row) => this.rowOf.set(document.id, row));
    this.documents = documents;
    this.lengths = lengths;
    this.rowTerms = rowTerms;
    this.termIds = termIds;
    this.postingRows = postingRows;
    this.postingCounts = postingCounts;
    this.documentFrequency = documentFrequency;
    this.dead = 0;
  }
}
