import { countTextTokens } from '../../tokens/count-tokens';
import { mergeCountedRanges } from './merge-counted-ranges';
import { DEFAULT_SEPARATORS } from './recursive-character-text-splitter';
import { splitRange, type TextRange } from './split-ranges';
import type { Separator, TextSplitterOptions } from './text-chunk.types';
import { TextSplitter } from './text-splitter';

/** Options of `TokenTextSplitter`. */
export interface TokenTextSplitterOptions extends TextSplitterOptions {
  /**
   * Model whose tokenizer counts (OpenAI models are exact; others are estimated with o200k_base
   * plus a 10% margin, see `countTextTokens`). Default: o200k_base estimate.
   */
  readonly model?: string;
  readonly separators?: readonly Separator[];
}

/**
 * Like the recursive character splitter, but sizes are tokens as the model counts them (via
 * `countTextTokens`), so a chunk of `chunkSize` never overflows an embedding model's input limit.
 * Defaults: 512 tokens, overlap 64.
 */
export class TokenTextSplitter extends TextSplitter {
  private readonly model: string | undefined;
  private readonly separatorList: readonly Separator[];

  constructor(options: TokenTextSplitterOptions = {}) {
    super(options.chunkSize ?? 512, options.chunkOverlap ?? 64);
    this.model = options.model;
    this.separatorList = options.separators ?? DEFAULT_SEPARATORS;
  }

  protected measure(text: string, start: number, end: number): number {
    const slice = text.slice(start, end);
    return this.model === undefined
      ? countTextTokens(slice)
      : countTextTokens(slice, { model: this.model });
  }

  protected separators(): readonly Separator[] {
    return this.separatorList;
  }

  /** Counts each piece once instead of recounting every growing chunk (see `mergeCountedRanges`). */
  protected override rangesOf(text: string, start: number, end: number): TextRange[] {
    const fits = (from: number, to: number): boolean =>
      this.measure(text, from, to) <= this.chunkSize;
    const pieces = splitRange(text, start, end, this.separators(), fits);
    const counts = pieces.map(([from, to]) => this.measure(text, from, to));
    return mergeCountedRanges(pieces, counts, this.chunkSize, this.chunkOverlap, fits);
  }
}
