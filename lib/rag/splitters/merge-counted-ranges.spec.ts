import { mergeCountedRanges } from './merge-counted-ranges';
import type { TextRange } from './split-ranges';

const pieces: TextRange[] = [
  [0, 2],
  [2, 4],
  [4, 6],
  [6, 8],
];

describe('mergeCountedRanges', () => {
  it('drops pieces when the exact count of the chunk is over the size, even if the sum fits', () => {
    // The sum of 3 pieces fits a size of 3, but "exactly" every range longer than 4 characters does not.
    const chunks = mergeCountedRanges(pieces, [1, 1, 1, 1], 3, 0, (from, to) => to - from <= 4);
    expect(chunks).toEqual([
      [0, 4],
      [4, 8],
    ]);
  });

  it('takes more pieces when the exact count is below the sum', () => {
    // Pieces count 2 each (sum 8) but the whole text counts 4 "exactly": one chunk.
    const chunks = mergeCountedRanges(
      pieces,
      [2, 2, 2, 2],
      4,
      0,
      (from, to) => (to - from) / 2 <= 4,
    );
    expect(chunks).toEqual([[0, 8]]);
  });

  it('starts the next chunk with whole pieces that fit the overlap', () => {
    const chunks = mergeCountedRanges(
      pieces,
      [1, 1, 1, 1],
      2,
      1,
      (from, to) => (to - from) / 2 <= 2,
    );
    expect(chunks).toEqual([
      [0, 4],
      [2, 6],
      [4, 8],
    ]);
  });
});
