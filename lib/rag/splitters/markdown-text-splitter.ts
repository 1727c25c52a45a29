import type { DocumentMetadata } from '../document.types';
import { markdownSections } from './markdown-sections';
import { DEFAULT_CHUNK_OVERLAP, DEFAULT_CHUNK_SIZE, TextSplitter } from './text-splitter';
import type { Separator, TextSplitterOptions } from './text-chunk.types';

/** Cut before a code fence, so a fence marker stays with the code it opens. */
const FENCE_START = /\n(?=```|~~~)/;

/** Options of `MarkdownTextSplitter`. */
export interface MarkdownTextSplitterOptions extends TextSplitterOptions {
  /** Deepest heading level that starts a new section (1-6). Default 3. */
  readonly headingLevel?: number;
}

/**
 * Splits markdown section by section (a chunk never spans two headings of level `headingLevel` or
 * less), then inside a section at code fences, paragraphs, lines, sentences and words. Every chunk
 * carries its heading path as metadata (`h1`, `h2`, ..., `headings: "Guide > Install"`).
 * Sizes are characters, overlap included.
 */
export class MarkdownTextSplitter extends TextSplitter {
  private readonly headingLevel: number;

  constructor(options: MarkdownTextSplitterOptions = {}) {
    super(options.chunkSize ?? DEFAULT_CHUNK_SIZE, options.chunkOverlap ?? DEFAULT_CHUNK_OVERLAP);
    this.headingLevel = Math.min(6, Math.max(1, Math.trunc(options.headingLevel ?? 3)));
  }

  protected measure(_text: string, start: number, end: number): number {
    return end - start;
  }

  protected separators(): readonly Separator[] {
    return [FENCE_START, '\n\n', '\n', '. ', ' ', ''];
  }

  protected override sections(
    text: string,
  ): { start: number; end: number; metadata: DocumentMetadata }[] {
    return markdownSections(text, this.headingLevel);
  }
}
