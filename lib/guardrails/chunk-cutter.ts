/**
 * Finds where `chunked` mode may cut the pending text of a stream, scanning each delta once (so a
 * stream costs linear time whatever its deltas' sizes). Preferred cut: just after a sentence end
 * (`.`, `!`, `?` and their CJK forms followed by whitespace, or a newline) once `chunkSize`
 * characters are pending. Past twice that with no sentence end: after a space between two
 * non-digits (so a card or phone number written in groups is never cut). Past four times: all of
 * it (a text without spaces).
 */
export class ChunkCutter {
  private pending = '';
  /** Index just after the last sentence end in `pending`, or -1. */
  private sentence = -1;
  /** Index just after the last safe space in `pending`, or -1. */
  private soft = -1;
  /** The last character pushed, and where a space waits to learn whether a digit follows it. */
  private last = -1;
  private spaceAt = -1;

  constructor(private readonly chunkSize: number) {}

  /** Characters not yet cut. */
  get length(): number {
    return this.pending.length;
  }

  /** Appends a delta and scans it (with the character before it) for cut points. */
  push(delta: string): void {
    // Scans `delta` itself, not the joined text: reading characters of a just-concatenated string
    // makes V8 flatten it, a copy of everything pending on every delta.
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

  /** The next chunk to check, cut from the pending text, or `undefined` when none is ready. */
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

  /** Everything pending (the end of the answer). */
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

// . ! ? and the ideographic full stop, fullwidth ! and ?
function isSentenceEnd(code: number): boolean {
  return (
    code === 46 ||
    code === 33 ||
    code === 63 ||
    code === 0x3002 ||
    code === 0xff01 ||
    code === 0xff1f
  );
}
