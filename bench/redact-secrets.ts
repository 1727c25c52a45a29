/**
 * Secret redaction on hostile text (what an upstream or a model can put in an error body or a
 * log line): runs of `sk-`, of `api_key=` without a digit, of glued key shapes, next to prose of
 * the same length, at 25k and 100k characters. Linear work shows as a ratio near 4 between the
 * two sizes; quadratic work as a ratio near 16.
 *
 *   npm run bench:redact
 *
 * Figures are printed, never asserted.
 */
import { redactSecrets } from '../lib/core/redact-secrets';

const SIZES = [25_000, 100_000];
const REPEATS = 5;

const INPUTS: Record<string, (length: number) => string> = {
  prose: (n) => 'The answer quotes a key, then goes on. '.repeat(n / 39 + 1).slice(0, n),
  'sk- run': (n) => 'sk-'.repeat(n / 3 + 1).slice(0, n),
  'api_key= run': (n) => 'api_key='.repeat(n / 8 + 1).slice(0, n),
  'glued shapes': (n) => 'xsk-abcdefghijklmnop'.repeat(n / 20 + 1).slice(0, n),
  'Bearer run': (n) => 'Bearer '.repeat(n / 7 + 1).slice(0, n),
};

function bestMs(text: string): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < REPEATS; i++) {
    const started = process.hrtime.bigint();
    redactSecrets(text, ['a-configured-key-0123456789']);
    best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e6);
  }
  return best;
}

console.log(`redactSecrets, best of ${REPEATS} (ms)`);
console.log(['input', ...SIZES.map((n) => `${n / 1000}k`), 'ratio'].join('\t'));
for (const [name, make] of Object.entries(INPUTS)) {
  const times = SIZES.map((n) => bestMs(make(n)));
  const ratio = times[1] / Math.max(times[0], 0.001);
  console.log([name, ...times.map((t) => t.toFixed(2)), ratio.toFixed(1)].join('\t'));
}
