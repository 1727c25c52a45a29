/**
 * Token counting whose cost grows linearly with the text, however the text is made.
 *
 * Why this exists: a BPE encoder first splits text into pre-tokens with a regex (a word, a run of
 * punctuation, a run of whitespace), then merges the bytes of each pre-token pair by pair.
 * gpt-tokenizer 3.4.0 (`BytePairEncodingCore.bytePairMerge`) rescans and splices the whole pre-token
 * for every merge, so one pre-token of n bytes costs O(n²): 100 kB of `=` (a divider), of spaces
 * (padding), of letters only (an identifier, a hash in letters) or of CJK without punctuation took
 * 9 s and more, blocking the event loop on the rate-limit, cost and memory-window paths. Ordinary
 * text never reaches that cost because its pre-tokens are a few characters long.
 *
 * The fix: no pre-token longer than `MAX_BPE_PIECE_LENGTH` reaches the BPE whole. A longer one is
 * counted in consecutive slices of that length. Everything else is counted exactly as before:
 * - text with no long pre-token is handed to the encoder in one call, as it always was;
 * - around a long pre-token the text is cut at pre-token boundaries, which gives the same
 *   pre-tokens (the split regex looks ahead only after whitespace, see `countInBoundedPieces`).
 *
 * Slicing was chosen over an estimate (characters / 4) because it stays within a fraction of a
 * percent of the exact count (a slice boundary only changes the tokens that straddle it, and a
 * slice holds hundreds of tokens), and over an exact O(n log n) merge of our own (a heap) because
 * that would re-implement the tokenizer's BPE and duplicate its multi-megabyte rank table.
 */

/**
 * Longest pre-token, in UTF-16 code units, that the BPE merges whole; longer ones are counted in
 * slices this long. Up to it counts are exact, and words, numbers and sentences of CJK prose
 * (split at its punctuation) are far shorter. Why 512: merging one such pre-token takes a few ms
 * (ASCII letters) to ~10 ms (CJK, 3 bytes a character); at 1024 the quadratic part about doubles
 * the cost per character, at 256 the gain is small and slices drift further from the exact count.
 * A power of two because repeated-character tokens (`=`, `-`, spaces) are 64 or 128 long, so a
 * run of them counts exactly in slices.
 */
export const MAX_BPE_PIECE_LENGTH = 512;

/** Counts the tokens of a string with the real encoder (the whole BPE, regex split included). */
export type CountEncodedTokens = (text: string) => number;

/**
 * Tokens of `text`, handing the encoder no pre-token longer than `maxPieceLength`.
 *
 * @param encode counts a string with the real encoder.
 * @param splitPattern the encoder's own pre-token regex (global, unicode), so that cuts fall where
 *   the encoder would split anyway.
 * @param maxPieceLength longest pre-token counted whole (a parameter so tests can make it small).
 */
export function countInBoundedPieces(
  text: string,
  encode: CountEncodedTokens,
  splitPattern: RegExp,
  maxPieceLength: number = MAX_BPE_PIECE_LENGTH,
): number {
  if (!mayHoldLongPiece(text, maxPieceLength)) return encode(text);

  let total = 0;
  // Start of the text not counted yet; always a pre-token boundary.
  let pending = 0;
  // The whitespace-only pre-tokens that end the pending text, with their start.
  let whitespaceTail: string[] = [];
  let whitespaceTailStart = 0;
  for (const match of text.matchAll(splitPattern)) {
    const piece = match[0];
    const at = match.index;
    if (piece.length <= maxPieceLength) {
      if (WHITESPACE_ONLY.test(piece)) {
        if (whitespaceTail.length === 0) whitespaceTailStart = at;
        whitespaceTail.push(piece);
      } else {
        whitespaceTail = [];
      }
      continue;
    }
    // The pending text ends where the long pre-token starts. Counted alone it splits as it did in
    // the full text, except in its trailing whitespace: the regex's `\s+(?!\S)` (and cl100k's
    // `\s+$`) would now see the end of the string instead of the long pre-token and swallow
    // several whitespace pre-tokens into one (`"  \t"` instead of `"  "`, `"\t"`). So the
    // whitespace pre-tokens at the end are counted one by one, each exactly as in the full text.
    const exactEnd = whitespaceTail.length > 0 ? whitespaceTailStart : at;
    if (exactEnd > pending) total += encode(text.slice(pending, exactEnd));
    for (const whitespace of whitespaceTail) total += encode(whitespace);
    total += countInSlices(piece, encode, maxPieceLength);
    pending = at + piece.length;
    whitespaceTail = [];
  }
  if (pending < text.length) total += encode(text.slice(pending));
  return total;
}

const WHITESPACE_ONLY = /^\s+$/u;

/** A long pre-token counted slice by slice: each slice is a bounded BPE job. */
function countInSlices(piece: string, encode: CountEncodedTokens, maxPieceLength: number): number {
  let total = 0;
  let start = 0;
  while (start < piece.length) {
    let end = Math.min(start + maxPieceLength, piece.length);
    // Cutting a surrogate pair would turn each half into a replacement character.
    if (end < piece.length && isHighSurrogate(piece.charCodeAt(end - 1))) end -= 1;
    total += encode(piece.slice(start, end));
    start = end;
  }
  return total;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * A cheap, conservative test (one pass over char codes, no regex) that keeps the ordinary case at
 * one encoder call: false only when no pre-token can be longer than `maxPieceLength`.
 *
 * Every pre-token of o200k_base and cl100k_base longer than 4 characters is, but for one leading
 * character and a 3-character contraction (`'ll`), either letters and marks only, or punctuation
 * and whitespace only (`===\n\n`, `   `). Non-ASCII characters may be either, and digits are
 * neither (pre-tokens hold at most 3). So a long pre-token needs a long run of one of the two
 * kinds; text without one is counted in one call. False positives (a long run of CJK text split by
 * punctuation) only cost a second regex pass.
 */
function mayHoldLongPiece(text: string, maxPieceLength: number): boolean {
  if (text.length <= maxPieceLength) return false;
  const longRun = maxPieceLength - 4;
  let wordRun = 0;
  let symbolRun = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80) {
      wordRun++;
      symbolRun++;
    } else if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) {
      wordRun++;
      symbolRun = 0;
    } else if (code >= 0x30 && code <= 0x39) {
      wordRun = 0;
      symbolRun = 0;
    } else {
      wordRun = 0;
      symbolRun++;
    }
    if (wordRun >= longRun || symbolRun >= longRun) return true;
  }
  return false;
}
