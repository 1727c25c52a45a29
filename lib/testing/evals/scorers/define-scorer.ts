import type { Score, Scorer, ScorerContext } from '../eval.types';

/**
 * A named scorer (the name labels it in reports) with an optional threshold of its own: the eval
 * fails when this scorer's mean is below it. A plain function is a scorer too; this only names it.
 *
 * @example
 * const short = defineScorer('short', ({ output }: ScorerContext<string, string>) => ({
 *   score: output.length <= 200 ? 1 : 0,
 * }));
 */
export function defineScorer<I = unknown, O = unknown, E = unknown>(
  name: string,
  score: (context: ScorerContext<I, O, E>) => Score | Promise<Score>,
  options: { readonly threshold?: number } = {},
): Scorer<I, O, E> {
  const scorer = (context: ScorerContext<I, O, E>): Score | Promise<Score> => score(context);
  return Object.assign(scorer, {
    scorerName: name,
    ...(options.threshold === undefined ? {} : { threshold: options.threshold }),
  });
}

/** The text of an output: a string, else its `text` or `answer` (agent, chat and RAG results). */
export function outputText(output: unknown): string {
  if (typeof output === 'string') return output;
  if (typeof output === 'object' && output !== null) {
    const { text, answer } = output as { text?: unknown; answer?: unknown };
    if (typeof text === 'string') return text;
    if (typeof answer === 'string') return answer;
  }
  return JSON.stringify(output) ?? String(output);
}
