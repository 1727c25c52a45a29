import { DEFAULT_CHUNK_OVERLAP, DEFAULT_CHUNK_SIZE, TextSplitter } from './text-splitter';
import type { Separator, TextSplitterOptions } from './text-chunk.types';

/** Options of `RecursiveCharacterTextSplitter`. */
export interface RecursiveCharacterTextSplitterOptions extends TextSplitterOptions {
  /** Tried in order. Default: paragraphs, lines, sentences, words, then characters. */
  readonly separators?: readonly Separator[];
}

/** Paragraphs, lines, sentence ends, words, characters. */
export const DEFAULT_SEPARATORS: readonly Separator[] = ['\n\n', '\n', '. ', ' ', ''];

/**
 * Splits on the coarsest separator that makes pieces fit, then packs pieces into chunks of at most
 * `chunkSize` characters (UTF-16 code units), overlap included.
 *
 * @example
 * const chunks = new RecursiveCharacterTextSplitter({ chunkSize: 500, chunkOverlap: 50 }).splitText(text);
 */
export class RecursiveCharacterTextSplitter extends TextSplitter {
  private readonly separatorList: readonly Separator[];

  constructor(options: RecursiveCharacterTextSplitterOptions = {}) {
    super(options.chunkSize ?? DEFAULT_CHUNK_SIZE, options.chunkOverlap ?? DEFAULT_CHUNK_OVERLAP);
    this.separatorList = options.separators ?? DEFAULT_SEPARATORS;
  }

  protected measure(_text: string, start: number, end: number): number {
    return end - start;
  }

  protected separators(): readonly Separator[] {
    return this.separatorList;
  }
}
