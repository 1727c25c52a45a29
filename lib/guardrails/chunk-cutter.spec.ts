import { ChunkCutter } from './chunk-cutter';

/**
 * The forward scanner `ChunkCutter.push` replaced (every character of every delta read in
 * order), kept here as the reference: the backward scan must cut at exactly the same places.
 */
class ForwardScanCutter {
  private pending = '';
  private sentence = -1;
  private soft = -1;
  private last = -1;
  private spaceAt = -1;

  constructor(private readonly chunkSize: number) {}

  push(delta: string): void {
    const base = this.pending.length;
    let before = base === 0 ? -1 : this.last;
    let spaceBefore = this.spaceAt;
    for (let j = 0; j < delta.length; j++) {
      const at = delta.charCodeAt(j);
      const i = base + j;
      if (spaceBefore !== -1 && !isDigit(at) && spaceBefore === i - 1) this.soft = i;
      spaceBefore = -1;
      if (before === 10) this.sentence = i;
      if (isSpace(at)) {
        if (isSentenceEnd(before)) this.sentence = i + 1;
        else if (before !== -1 && !isDigit(before)) spaceBefore = i;
      }
      before = at;
    }
    if (delta.length > 0) {
      this.pending += delta;
      this.last = before;
      this.spaceAt = spaceBefore;
      if (before === 10) this.sentence = this.pending.length;
    }
  }

  cut(): string | undefined {
    const size = this.pending.length;
    if (size < this.chunkSize) return undefined;
    let at = -1;
    if (this.sentence > 0) at = this.sentence;
    else if (size >= 2 * this.chunkSize && this.soft > 0) at = this.soft;
    else if (size >= 4 * this.chunkSize) at = size;
    if (at <= 0) return undefined;
    return this.take(at);
  }

  rest(): string {
    return this.take(this.pending.length);
  }

  private take(at: number): string {
    const chunk = this.pending.slice(0, at);
    this.pending = this.pending.slice(at);
    this.sentence = this.sentence > at ? this.sentence - at : -1;
    this.soft = this.soft > at ? this.soft - at : -1;
    this.spaceAt = this.spaceAt >= at ? this.spaceAt - at : -1;
    return chunk;
  }
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}
function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
function isSentenceEnd(code: number): boolean {
  return [46, 33, 63, 0x3002, 0xff01, 0xff1f].includes(code);
}

/** A small deterministic generator (mulberry32), so a failure replays. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = [
  'a',
  'b',
  'Z',
  '1',
  '4',
  '9',
  ' ',
  ' ',
  ' ',
  '.',
  '!',
  '?',
  '\n',
  '\t',
  '。',
  '-',
];

describe('ChunkCutter', () => {
  it('cuts exactly where the forward scanner did, for any split of any text into deltas', () => {
    for (let seed = 1; seed <= 400; seed++) {
      const next = random(seed);
      const chunkSize = 1 + Math.floor(next() * 12);
      const cutter = new ChunkCutter(chunkSize);
      const reference = new ForwardScanCutter(chunkSize);
      const cuts: (string | undefined)[] = [];
      const expected: (string | undefined)[] = [];
      for (let step = 0; step < 60; step++) {
        let delta = '';
        const size = Math.floor(next() * 9);
        for (let k = 0; k < size; k++) delta += ALPHABET[Math.floor(next() * ALPHABET.length)];
        cutter.push(delta);
        reference.push(delta);
        cuts.push(cutter.cut());
        expected.push(reference.cut());
        // Now and then another event arrives: everything pending is checked.
        if (next() < 0.05) {
          cuts.push(cutter.rest());
          expected.push(reference.rest());
        }
      }
      cuts.push(cutter.rest());
      expected.push(reference.rest());
      expect({ seed, cuts }).toEqual({ seed, cuts: expected });
      expect(cuts.join('')).toBe(expected.join(''));
    }
  });

  it('cuts after the last sentence end once the chunk is full', () => {
    const cutter = new ChunkCutter(10);
    cutter.push('One. Two. Thr');
    expect(cutter.cut()).toBe('One. Two. ');
    expect(cutter.length).toBe(3);
  });

  it('never cuts inside a number written in groups, even split across deltas', () => {
    const cutter = new ChunkCutter(6);
    const pieces = ['Hello there my card ', '4111 ', '1111 1111', ' 1111 is ok with you'];
    const chunks: string[] = [];
    for (const piece of pieces) {
      cutter.push(piece);
      const chunk = cutter.cut();
      if (chunk !== undefined) chunks.push(chunk);
    }
    chunks.push(cutter.rest());
    expect(chunks.join('')).toBe(pieces.join(''));
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks.some((chunk) => chunk.includes('4111 1111 1111 1111'))).toBe(true);
  });
});
