import type { RangeFits, TextRange } from './split-ranges';

/**
 * `mergeRanges` for costly units (tokens): pieces are counted once, chunks are grown on the sum of
 * their pieces' counts, and each chunk is then checked with one exact count, dropping pieces from
 * its end until it fits (or adding pieces while it still fits). A tokenizer may count a concatenation differently from its parts, so the
 * sum only steers; the exact check keeps the guarantee that no chunk exceeds the size.
 */
export function mergeCountedRanges(
  pieces: readonly TextRange[],
  counts: readonly number[],
  size: number,
  overlap: number,
  fits: RangeFits,
): TextRange[] {
  const prefix = [0];
  for (const count of counts) prefix.push(prefix[prefix.length - 1] + count);
  const sum = (first: number, last: number): number => prefix[last + 1] - prefix[first];
  const chunks: TextRange[] = [];
  let first = 0;
  while (first < pieces.length) {
    let last = first;
    while (last + 1 < pieces.length && sum(first, last + 1) <= size) last++;
    if (fits(pieces[first][0], pieces[last][1])) {
      // The sum overcounts across piece boundaries (a word and the space before the next one are
      // often one token): take more pieces while the exact count still fits.
      while (last + 1 < pieces.length && fits(pieces[first][0], pieces[last + 1][1])) last++;
    } else {
      while (last > first && !fits(pieces[first][0], pieces[last][1])) last--;
    }
    chunks.push([pieces[first][0], pieces[last][1]]);
    if (last + 1 >= pieces.length) break;
    let next = last + 1;
    for (let candidate = first + 1; candidate <= last; candidate++) {
      if (sum(candidate, last) <= overlap && sum(candidate, last + 1) <= size) {
        next = candidate;
        break;
      }
    }
    first = next;
  }
  return chunks;
}
