import { DEFAULT_CHUNK_OVERLAP, DEFAULT_CHUNK_SIZE, TextSplitter } from './text-splitter';
import type { Separator, TextSplitterOptions } from './text-chunk.types';

/**
 * The end of a sentence: terminal punctuation, closing quotes or brackets, then whitespace. The
 * whitespace stays with the sentence it ends, and the punctuation is never rewritten. Not global
 * (no `g` flag): a shared global regex keeps `lastIndex` between calls, so one user's `test()`
 * would change the next one's answer; the splitter makes its own global copy.
 */
export const SENTENCE_END = /[.!?\u2026\u3002\uff01\uff1f]+["'\u201d\u2019)\]]*\s+/;

/**
 * Packs whole sentences into chunks of at most `chunkSize` characters, overlap included; a
 * sentence longer than that is cut at words, then characters.
 */
export class SentenceTextSplitter extends TextSplitter {
  constructor(options: TextSplitterOptions = {}) {
    super(options.chunkSize ?? DEFAULT_CHUNK_SIZE, options.chunkOverlap ?? DEFAULT_CHUNK_OVERLAP);
  }

  protected measure(_text: string, start: number, end: number): number {
    return end - start;
  }

  protected separators(): readonly Separator[] {
    return ['\n\n', SENTENCE_END, '\n', ' ', ''];
  }
}
