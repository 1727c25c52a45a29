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

  /**
   * Appends a delta and finds its last cut points. Only the last sentence end matters (`cut`
   * takes everything up to it) and a safe space only after it, so the delta is read backwards
   * and the scan stops at its last sentence end: prose deltas that end a sentence cost a couple
   * of characters, and no delta costs more than its own length (never the joined text, whose
   * reading would make V8 flatten it, a copy of everything pending on every delta).
   */
  push(delta: string): void {
    const size = delta.length;
    if (size === 0) return;
    const base = this.pending.length;
    // The character before the delta, and where a space waits to learn whether a digit follows.
    const before = base === 0 ? -1 : this.last;
    const spaceBefore = base === 0 ? -1 : this.spaceAt;
    let softFound = false;
    for (let j = size - 1; j >= 0; j--) {
      const at = delta.charCodeAt(j);
      const previous = j > 0 ? delta.charCodeAt(j - 1) : before;
      if (at === 10 || (isSpace(at) && isSentenceEnd(previous))) {
        this.sentence = base + j + 1;
        break;
      }
      if (softFound || isDigit(at)) continue;
      // A safe cut at `j`: just after a space that follows a non-digit (not a sentence end).
      const spaceAt =
        j === 0
          ? spaceBefore === base - 1
          : isSpace(previous) && safeBeforeSpace(j > 1 ? delta.charCodeAt(j - 2) : before);
      if (spaceAt) {
        this.soft = base + j;
        softFound = true;
      }
    }
    const last = delta.charCodeAt(size - 1);
    const beforeLast = size > 1 ? delta.charCodeAt(size - 2) : before;
    this.spaceAt = isSpace(last) && safeBeforeSpace(beforeLast) ? base + size - 1 : -1;
    this.last = last;
    this.pending += delta;
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

/** A space after `code` may be cut after: `code` exists, is no digit and ends no sentence. */
function safeBeforeSpace(code: number): boolean {
  return code !== -1 && !isDigit(code) && !isSentenceEnd(code);
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
