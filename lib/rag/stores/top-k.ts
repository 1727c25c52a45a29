/** A bounded min-heap of (score, row): keeps the `k` best scores seen, O(n log k). */
export class TopK {
  private readonly scores: number[] = [];
  private readonly rows: number[] = [];

  constructor(private readonly k: number) {}

  /** Offers a candidate; kept if among the k best so far. */
  push(score: number, row: number): void {
    if (this.k === 0) return;
    if (this.scores.length < this.k) {
      this.scores.push(score);
      this.rows.push(row);
      this.up(this.scores.length - 1);
    } else if (score > this.scores[0]) {
      this.scores[0] = score;
      this.rows[0] = row;
      this.down(0);
    }
  }

  /** The kept candidates, best first (ties: lower row first, so results are stable). */
  sorted(): { score: number; row: number }[] {
    return this.scores
      .map((score, index) => ({ score, row: this.rows[index] }))
      .sort((a, b) => b.score - a.score || a.row - b.row);
  }

  private less(a: number, b: number): boolean {
    const sa = this.scores[a];
    const sb = this.scores[b];
    return sa < sb || (sa === sb && this.rows[a] > this.rows[b]);
  }

  private swap(a: number, b: number): void {
    [this.scores[a], this.scores[b]] = [this.scores[b], this.scores[a]];
    [this.rows[a], this.rows[b]] = [this.rows[b], this.rows[a]];
  }

  private up(index: number): void {
    let at = index;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!this.less(at, parent)) return;
      this.swap(at, parent);
      at = parent;
    }
  }

  private down(index: number): void {
    let at = index;
    for (;;) {
      const left = at * 2 + 1;
      const right = left + 1;
      let smallest = at;
      if (left < this.scores.length && this.less(left, smallest)) smallest = left;
      if (right < this.scores.length && this.less(right, smallest)) smallest = right;
      if (smallest === at) return;
      this.swap(at, smallest);
      at = smallest;
    }
  }
}
