import { open, readFile, rename } from 'node:fs/promises';
import type { Document } from '../document.types';
import type { KeywordTokenizerOptions } from './keyword-tokenizer';

/** What `InMemoryKeywordIndex.save` writes: its settings and its documents. */
export interface KeywordFile {
  readonly k1: number;
  readonly b: number;
  readonly maxDocuments: number;
  readonly tokenizer: KeywordTokenizerOptions;
  readonly documents: readonly Document[];
}

const FORMAT = 'conduit-keyword-index';
const VERSION = 1;

/**
 * One JSON file: the settings and the documents, not the postings. Loading re-tokenizes (linear
 * in the text, about as fast as parsing postings would be) and keeps the file format independent
 * of how the postings are laid out in memory. Written atomically: a temporary file, then a rename.
 */
export async function writeKeywordFile(path: string, file: KeywordFile): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(JSON.stringify({ format: FORMAT, version: VERSION, ...file }), 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, path);
}

/** Reads a file written by `writeKeywordFile`; throws a clear error for anything else. */
export async function readKeywordFile(path: string): Promise<KeywordFile> {
  const text = await readFile(path, 'utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${path} is not a keyword index file (not JSON)`);
  }
  const file = parsed as Partial<KeywordFile> & { format?: unknown; version?: unknown };
  if (typeof parsed !== 'object' || parsed === null || file.format !== FORMAT) {
    throw new Error(`${path} is not a keyword index file (no "format": "${FORMAT}")`);
  }
  if (file.version !== VERSION) {
    throw new Error(
      `${path} has keyword index format version ${String(file.version)}, expected ${VERSION}`,
    );
  }
  if (
    typeof file.k1 !== 'number' ||
    typeof file.b !== 'number' ||
    typeof file.maxDocuments !== 'number' ||
    typeof file.tokenizer !== 'object' ||
    !Array.isArray(file.documents)
  ) {
    throw new Error(`${path} is a damaged keyword index file (missing settings or documents)`);
  }
  return {
    k1: file.k1,
    b: file.b,
    maxDocuments: file.maxDocuments,
    tokenizer: file.tokenizer,
    documents: file.documents,
  };
}
