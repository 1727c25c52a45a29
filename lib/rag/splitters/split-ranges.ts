import type { Separator } from './text-chunk.types';

/** A half-open range `[start, end)` of the source text. */
export type TextRange = readonly [start: number, end: number];

/** Whether `text.slice(start, end)` fits a limit. Must grow monotonically with the range. */
export type RangeFits = (start: number, end: number) => boolean;

/** Offsets strictly inside `(start, end)` right after each occurrence of the separator. */
function cutPoints(text: string, start: number, end: number, separator: Separator): number[] {
  const cuts: number[] = [];
  if (typeof separator === 'string') {
    let at = text.indexOf(separator, start);
    while (at !== -1 && at + separator.length < end) {
      cuts.push(at + separator.length);
      at = text.indexOf(separator, at + separator.length);
    }
    return cuts;
  }
  const pattern = new RegExp(
    separator.source,
    separator.flags.includes('g') ? separator.flags : `${separator.flags}g`,
  );
  pattern.lastIndex = start;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const cut = match.index + match[0].length;
    if (cut >= end) break;
    if (match[0].length === 0) pattern.lastIndex += 1;
    else if (cut > start) cuts.push(cut);
  }
  return cuts;
}

/** Never cut between the two halves of a surrogate pair when a smaller cut is possible. */
function safeCut(text: string, start: number, cut: number): number {
  const code = text.charCodeAt(cut - 1);
  return code >= 0xd800 && code <= 0xdbff && cut - 1 > start ? cut - 1 : cut;
}

/**
 * Last resort for a piece with no separator left: the longest prefixes that fit, found by binary
 * search (the limit may count tokens, so the cut cannot be computed). A prefix of one character
 * is always taken so that splitting ends even if a single character is over the limit.
 */
function hardSplit(text: string, start: number, end: number, fits: RangeFits): TextRange[] {
  const ranges: TextRange[] = [];
  let from = start;
  while (from < end) {
    let low = from + 1;
    let high = end;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (fits(from, middle)) low = middle;
      else high = middle - 1;
    }
    const cut = low < end ? safeCut(text, from, low) : end;
    ranges.push([from, cut]);
    from = cut;
  }
  return ranges;
}

/**
 * Cuts `[start, end)` into contiguous pieces that each fit: at the first separator found in the
 * range, then each piece that is still too big at the next separators, down to single characters.
 * Separators stay at the end of the piece they close, so the pieces cover the range exactly.
 */
export function splitRange(
  text: string,
  start: number,
  end: number,
  separators: readonly Separator[],
  fits: RangeFits,
): TextRange[] {
  if (start >= end) return [];
  if (fits(start, end)) return [[start, end]];
  for (let index = 0; index < separators.length; index++) {
    const separator = separators[index];
    if (separator === '') break;
    const cuts = cutPoints(text, start, end, separator);
    if (cuts.length === 0) continue;
    const rest = separators.slice(index + 1);
    const pieces: TextRange[] = [];
    let from = start;
    for (const cut of [...cuts, end]) {
      for (const piece of splitRange(text, from, cut, rest, fits)) pieces.push(piece);
      from = cut;
    }
    return pieces;
  }
  return hardSplit(text, start, end, fits);
}

/**
 * Packs consecutive pieces into chunks that fit, each chunk after the first starting with the
 * longest run of whole pieces from the end of the previous chunk that fits the overlap (and leaves
 * room for the next piece). Overlap is applied here only, once, so it never compounds.
 */
export function mergeRanges(
  pieces: readonly TextRange[],
  fits: RangeFits,
  overlapFits: RangeFits,
): TextRange[] {
  const chunks: TextRange[] = [];
  let first = 0;
  while (first < pieces.length) {
    const start = pieces[first][0];
    let last = first;
    while (last + 1 < pieces.length && fits(start, pieces[last + 1][1])) last++;
    const end = pieces[last][1];
    chunks.push([start, end]);
    if (last + 1 >= pieces.length) break;
    const nextEnd = pieces[last + 1][1];
    let next = last + 1;
    for (let candidate = first + 1; candidate <= last; candidate++) {
      const from = pieces[candidate][0];
      if (overlapFits(from, end) && fits(from, nextEnd)) {
        next = candidate;
        break;
      }
    }
    first = next;
  }
  return chunks;
}
