/**
 * Token counting on long runs without spaces: `countTextTokens` on 10k / 40k / 100k characters of
 * `=` and of one pseudo-random "word" (lowercase letters, like a hash or an identifier), next to
 * English prose of the same length (README.md and docs/), with the ratio run / prose. The same
 * texts counted by gpt-tokenizer alone (the whole text in one BPE call, what `countTextTokens` did
 * before its pre-tokens were bounded) show the quadratic cost and give the exact count the bounded
 * count is compared with.
 *
 *   npm run bench:tokens             (MODEL=gpt-4 npm run bench:tokens for cl100k_base;
 *                                     SKIP_RAW=1 to leave out the slow gpt-tokenizer-alone column)
 *
 * Figures are printed, never asserted.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as cl100k from 'gpt-tokenizer/encoding/cl100k_base';
import * as o200k from 'gpt-tokenizer/encoding/o200k_base';
import { countTextTokens } from '../lib/tokens';
import { tokenizerFor } from '../lib/tokens/tokenizer';

const MODEL = process.env['MODEL'] ?? 'gpt-4o';
const SKIP_RAW = process.env['SKIP_RAW'] === '1';
const SIZES = [10_000, 40_000, 100_000];
const REPEATS = 5;
const NO_SPECIALS = { disallowedSpecial: new Set<string>() };
const encoding = tokenizerFor(MODEL).encoding === 'o200k_base' ? o200k : cl100k;
const rawCount = (text: string): number => encoding.countTokens(text, NO_SPECIALS);

/** mulberry32: a seeded generator, so every run measures the same data. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function oneWord(length: number, seed: number): string {
  const next = generator(seed);
  let word = '';
  while (word.length < length) word += String.fromCharCode(0x61 + Math.floor(next() * 26));
  return word;
}

function prose(length: number): string {
  // The project's own documentation (~170 kB of English, some code): long enough that the 100k
  // text does not repeat itself, which would let the merge cache serve most of it. npm scripts
  // run from the package root.
  const root = process.cwd();
  const docs = readdirSync(join(root, 'docs'))
    .filter((file) => file.endsWith('.md'))
    .sort()
    .map((file) => join(root, 'docs', file));
  const text = [join(root, 'README.md'), ...docs]
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n\n');
  return text.repeat(Math.ceil(length / text.length)).slice(0, length);
}

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * Median of REPEATS counts, each from a cold merge cache: gpt-tokenizer remembers the tokens of
 * every pre-token it merged, which would make every repeat after the first nearly free (prose
 * most of all, its words repeat), and the ratios meaningless.
 */
function median(make: (i: number) => string): { ms: number; tokens: number } {
  const times: number[] = [];
  let tokens = 0;
  for (let i = 0; i < REPEATS; i++) {
    const text = make(i);
    encoding.clearMergeCache();
    const start = process.hrtime.bigint();
    tokens = countTextTokens(text, { model: MODEL });
    times.push(ms(start));
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(REPEATS / 2)] ?? 0, tokens };
}

function row(name: string, size: number, make: (i: number) => string, baseMs: number): void {
  const bounded = median(make);
  let raw = '';
  if (!SKIP_RAW) {
    const text = make(REPEATS + 1);
    const exact = countTextTokens(text, { model: MODEL });
    encoding.clearMergeCache();
    const start = process.hrtime.bigint();
    const rawTokens = rawCount(text);
    const rawMs = ms(start);
    const off = ((exact - rawTokens) / rawTokens) * 100;
    raw = `   alone ${rawMs.toFixed(0).padStart(6)} ms   exact ${String(rawTokens).padStart(6)}, counted ${String(exact).padStart(6)} (${off >= 0 ? '+' : ''}${off.toFixed(2)}%)`;
  }
  console.log(
    `${name.padEnd(10)} ${String(size).padStart(7)}  ${bounded.ms.toFixed(1).padStart(7)} ms  ` +
      `${(bounded.ms / baseMs).toFixed(1).padStart(5)}x prose${raw}`,
  );
}

function main(): void {
  console.log(`node ${process.version}, ${process.arch}, model ${MODEL}, median of ${REPEATS}`);
  countTextTokens(prose(2000), { model: MODEL }); // loads the encoding table
  for (const size of SIZES) {
    const base = median(() => prose(size));
    console.log(
      `${'prose'.padEnd(10)} ${String(size).padStart(7)}  ${base.ms.toFixed(1).padStart(7)} ms  ` +
        `${'1.0'.padStart(5)}x prose   (${base.tokens} tokens)`,
    );
    row('=', size, () => '='.repeat(size), base.ms);
    row('one word', size, (i) => oneWord(size, size + i), base.ms);
  }
}

main();
