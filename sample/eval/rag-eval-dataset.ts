import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import {
  MarkdownFileLoader,
  MarkdownTextSplitter,
  type Document,
  type RetrievalExample,
} from 'nestjs-conduit';

/**
 * The sample's retrieval test set: 124 questions over a snapshot of this repository's docs/
 * (dataset/docs, taken when the set was written, so later edits of the docs do not move the
 * answers), 71 of them paraphrases that avoid the passage's words. Each question names its file
 * and a short verbatim `evidence` phrase; the relevant chunks are those of that file containing
 * the phrase, so the set survives a change of chunk size. Half the questions (alternating within
 * each file) are for tuning, the other half is held out and is what docs/rag.md reports.
 */
export const RAG_EVAL_DATASET = path.resolve(__dirname, '..', '..', 'sample', 'eval', 'dataset');

/** One line of dataset/questions.jsonl. */
export interface RagEvalQuestion {
  readonly id: string;
  readonly question: string;
  /** The docs file that answers it (`resilience.md`). */
  readonly source: string;
  /** A phrase copied from the answering passage (whitespace-insensitive). */
  readonly evidence: string;
  /** `paraphrase`: worded away from the passage; `keyword`: uses its terms. */
  readonly kind: 'paraphrase' | 'keyword';
  readonly split: 'tuning' | 'held-out';
}

/** The chunks to index and the two halves of the questions, with their relevant chunk ids. */
export interface RagEvalSet {
  readonly chunks: readonly Document[];
  readonly questions: readonly RagEvalQuestion[];
  readonly tuning: readonly RetrievalExample[];
  readonly heldOut: readonly RetrievalExample[];
}

/** The sample's own ingestion settings (sample/rag/docs-ingest.service.ts), so scores carry over. */
const splitter = new MarkdownTextSplitter({ chunkSize: 1200, chunkOverlap: 150 });

const squash = (text: string): string => text.replace(/\s+/g, ' ');

/** Loads and chunks the docs snapshot and resolves every question's relevant chunks. */
export async function loadRagEvalSet(folder = RAG_EVAL_DATASET): Promise<RagEvalSet> {
  const docsFolder = path.join(folder, 'docs');
  const files = (await readdir(docsFolder)).filter((name) => name.endsWith('.md')).sort();
  const loaded = await new MarkdownFileLoader(
    files.map((name) => path.join(docsFolder, name)),
  ).load();
  const documents = loaded.map((document) => ({
    ...document,
    metadata: { ...document.metadata, source: path.basename(document.id) },
  }));
  const chunks = splitter.splitDocuments(documents);
  const questions = (await readFile(path.join(folder, 'questions.jsonl'), 'utf8'))
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as RagEvalQuestion);
  const examples = questions.map((question): RetrievalExample & { split: string } => {
    const evidence = squash(question.evidence);
    const relevantIds = chunks
      .filter(
        (chunk) =>
          chunk.metadata['source'] === question.source && squash(chunk.content).includes(evidence),
      )
      .map((chunk) => chunk.id);
    if (relevantIds.length === 0) {
      throw new Error(
        `${question.id}: no chunk of ${question.source} contains "${question.evidence}"`,
      );
    }
    return { id: question.id, question: question.question, relevantIds, split: question.split };
  });
  const strip = ({
    split: _split,
    ...example
  }: RetrievalExample & { split: string }): RetrievalExample => example;
  return {
    chunks,
    questions,
    tuning: examples.filter((example) => example.split === 'tuning').map(strip),
    heldOut: examples.filter((example) => example.split === 'held-out').map(strip),
  };
}
