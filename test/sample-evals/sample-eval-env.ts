import type { SampleEnv } from '../../sample/sample-env';

/**
 * The env the sample's evals build the app with. In the main test run: none, so the sample answers
 * with its deterministic local demo model (CI needs no key and no network). Under
 * `npm run sample:eval` (CONDUIT_SAMPLE_EVAL_LIVE=1): the process env, so OPENAI_API_KEY or
 * ANTHROPIC_API_KEY, when set, puts a real model under evaluation.
 */
export function sampleEvalEnv(): SampleEnv {
  return process.env.CONDUIT_SAMPLE_EVAL_LIVE === '1' ? process.env : {};
}

/** Whether the evals run against a real model (not the local demo model). */
export function usesRealModel(env: SampleEnv): boolean {
  const set = (value: string | undefined): boolean => value !== undefined && value.trim() !== '';
  return set(env.OPENAI_API_KEY) || set(env.OPENAI_BASE_URL) || set(env.ANTHROPIC_API_KEY);
}

/**
 * The saved baseline of an eval, compared on the demo model only: its answers are deterministic,
 * so any drop is a regression of the sample or the library. A real model's scores vary by model
 * and by day; they are held to the thresholds only.
 */
export function demoBaseline(
  env: SampleEnv,
  file: string,
): { readonly baseline?: string; readonly margin: number } {
  return usesRealModel(env) ? { margin: 0.05 } : { baseline: file, margin: 0.05 };
}
