/** The `code` of the process warning emitted when a provider reports impossible token counts. */
export const INVALID_USAGE_WARNING_CODE = 'CONDUIT_INVALID_USAGE';

/** Who reported a `usage` object, and where the warning about impossible counts goes. */
export interface UsageSource {
  /** The provider name, as in errors (`openai`, `groq`, `ollama`...). */
  readonly provider: string;
  /**
   * Receives the warning. Default: `process.emitWarning` with code `CONDUIT_INVALID_USAGE`, as the
   * unknown-model warning does (providers have no Nest logger).
   */
  readonly warn?: (message: string) => void;
}

function emitProcessWarning(message: string): void {
  process.emitWarning(message, { code: INVALID_USAGE_WARNING_CODE });
}

/** True for a count a provider can really have billed: a non-negative safe integer. */
function isTokenCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** `-1000000000000`, `NaN`, `"12"`: short, and never more than the value itself. */
function describe(value: unknown): string {
  return typeof value === 'number' ? String(value) : typeof value;
}

/**
 * Reads the token counts of one `usage` object, keyed by their wire names. A count that is absent
 * or `null` is `undefined`; one that no provider could have billed (negative, fractional,
 * non-finite, above 2^53, not a number) is `undefined` too, and all such fields are named in ONE
 * warning. Why not trust them: usage feeds `CostTracker`, and a reply of -1e12 tokens once drove
 * the spent dollars negative, so every later call passed its budget.
 *
 * @example
 * const counts = readTokenCounts({ prompt_tokens: raw['prompt_tokens'] }, { provider: 'openai' });
 * const inputTokens = counts.prompt_tokens ?? 0;
 */
export function readTokenCounts<K extends string>(
  fields: Readonly<Record<K, unknown>>,
  source: UsageSource,
): Partial<Record<K, number>> {
  const counts: Partial<Record<K, number>> = {};
  const problems: string[] = [];
  for (const field of Object.keys(fields) as K[]) {
    const value = fields[field];
    if (value === undefined || value === null) continue;
    if (isTokenCount(value)) counts[field] = value;
    else problems.push(`${field}: ${describe(value)}`);
  }
  if (problems.length > 0) {
    (source.warn ?? emitProcessWarning)(
      `${source.provider} reported impossible token counts (${problems.join(', ')}); ` +
        'they were ignored (counted as 0). Check the server: usage drives cost tracking and budgets.',
    );
  }
  return counts;
}
