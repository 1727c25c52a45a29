/**
 * The most tool calls one answer may hold, in every provider's stream state. No provider documents
 * a cap and real answers hold a handful (OpenAI accepts at most 128 tools a request); the bound is
 * there so that a broken or hostile server cannot make a stream state keep, and then walk, an
 * unbounded set of pending calls. A stream that starts more fails with `InvalidResponseError`.
 */
export const MAX_TOOL_CALLS_PER_RESPONSE = 256;

/**
 * True for an index a stream state may key its pending parts on: a non-negative safe integer.
 * Anything else on the wire (negative, fractional, `1e300`, a string) is a broken stream, not a
 * position; above 2^53 two different indexes would even compare equal.
 */
export function isWireIndex(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
